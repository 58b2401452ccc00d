/**
 * The peer address of a request, as the access gate in server.ts saw it on the socket.
 * The gate overwrites this header on every request, so a client cannot choose it.
 */
export const CLIENT_ADDRESS_HEADER = "x-hooklens-client-address";

export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}

/** Whether the browser reached us over https (directly, or through a proxy that says so). */
export function isSecureRequest(
  request: Request,
  publicUrl = process.env.HOOKLENS_PUBLIC_URL,
): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (forwarded) return forwarded === "https";
  if (publicUrl?.startsWith("https:")) return true;
  return new URL(request.url).protocol === "https:";
}
