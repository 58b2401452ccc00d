import "server-only";
import { getPrisma } from "../db/prisma";
import { invalidField } from "../http/api-error";
import type { ReplayRequest } from "./build-replay-request";
import { formatReplayError } from "./replay-error";
import type { ReplayMode } from "./replay-input";
import { RESPONSE_BODY_CAP } from "./replay-limits";
import { replaySettings } from "./replay-settings";
import { replayView, type ReplayView } from "./replay-view";
import { sendRequest } from "./send-request";
import { checkTargetUrl } from "./target-url";

export type DeliverOptions = {
  deliveryId: number;
  url: string;
  mode: ReplayMode;
  endpointId: string | null;
  request: ReplayRequest;
  timeoutMs?: number;
  bulkId?: number;
  signal?: AbortSignal;
  /** A single replay refuses a blocked target with 422 and keeps nothing; a bulk replay
   *  keeps the refusal as that delivery's result. Either way nothing is sent. */
  recordBlocked?: boolean;
};

/** Checks the target, sends one replay and records the attempt. */
export async function deliverReplay(options: DeliverOptions): Promise<ReplayView> {
  const settings = replaySettings();
  const policy = { allowPrivate: settings.allowPrivate };
  const target = checkTargetUrl(options.url, policy);
  if (!target.ok) throw invalidField("url", target.reason);

  const { headers, body } = options.request;
  const outcome = await sendRequest(
    { url: target.url, headers, body },
    {
      policy,
      timeoutMs: options.timeoutMs ?? settings.timeoutMs,
      maxResponseBytes: RESPONSE_BODY_CAP,
      signal: options.signal,
    },
  );
  if (outcome.error?.code === "blocked" && !options.recordBlocked) {
    throw invalidField("url", `refused: ${outcome.error.message}`);
  }
  const row = await getPrisma().replay.create({
    data: {
      deliveryId: options.deliveryId,
      bulkId: options.bulkId ?? null,
      url: target.url.toString(),
      mode: options.mode,
      endpointId: options.endpointId,
      requestHeaders: JSON.stringify(outcome.requestHeaders),
      requestBody: new Uint8Array(body),
      status: outcome.status,
      durationMs: outcome.durationMs,
      error: outcome.error ? formatReplayError(outcome.error) : null,
      responseHeaders: outcome.responseHeaders ? JSON.stringify(outcome.responseHeaders) : null,
      responseBody: outcome.responseBody ? new Uint8Array(outcome.responseBody) : null,
      responseTruncated: outcome.responseTruncated,
    },
  });
  return replayView(row);
}
