import "server-only";
import type { HeaderPairs } from "../cloudpods/headers";
import { getPrisma } from "../db/prisma";
import { notFound } from "../http/api-error";
import { deliverReplay } from "./deliver-replay";
import { REPLAY_MODES, type ReplayMode } from "./replay-input";
import type { ReplayView } from "./replay-view";

/**
 * Runs a recorded attempt again: the same request (headers and body as they were sent)
 * to the same URL, recorded as a new attempt. Host, Content-Length and Connection are
 * settled again for the new connection, so the bytes on the wire are the same.
 */
export async function retryReplay(options: {
  id: number;
  timeoutMs?: number;
}): Promise<ReplayView> {
  const row = await getPrisma().replay.findUnique({ where: { id: options.id } });
  if (!row) throw notFound("Replay");
  const mode = (REPLAY_MODES as readonly string[]).includes(row.mode)
    ? (row.mode as ReplayMode)
    : "edited";
  return deliverReplay({
    deliveryId: row.deliveryId,
    url: row.url,
    mode,
    endpointId: row.endpointId,
    request: {
      headers: JSON.parse(row.requestHeaders) as HeaderPairs,
      body: Buffer.from(row.requestBody),
    },
    timeoutMs: options.timeoutMs,
  });
}
