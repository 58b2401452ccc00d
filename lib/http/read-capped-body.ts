/**
 * Reads a web request's body as it streams in, holding at most `maxBytes` of it: past
 * the cap it stops buffering and answers null (413 for the caller). With `drainBytes`
 * it reads on and throws away up to that much more, so that a client that ignores the
 * early answer gets the 413 rather than a reset; without, it stops reading at once.
 */
export async function readCappedBody(
  request: Request,
  options: { maxBytes: number; drainBytes?: number },
): Promise<Buffer | null> {
  const { maxBytes, drainBytes = 0 } = options;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes + drainBytes) return null;
  if (!request.body) return Buffer.alloc(0);
  let chunks: Uint8Array[] = [];
  let total = 0;
  let refused = declared > maxBytes;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (refused || total > maxBytes) {
      refused = true;
      chunks = [];
      if (total > maxBytes + drainBytes) break;
      continue;
    }
    chunks.push(value);
  }
  if (!refused) return Buffer.concat(chunks);
  await reader.cancel();
  return null;
}
