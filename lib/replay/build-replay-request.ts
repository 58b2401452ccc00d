import "server-only";
import type { HeaderPairs } from "../cloudpods/headers";
import type { RobotSettings } from "../cloudpods/render-delivery";
import { getEvent, storedBytes } from "../events/get-event";
import { ApiError } from "../http/api-error";
import { renderForEndpoint } from "./render-for-endpoint";
import type { ReplayMode } from "./replay-input";

/** What a replay will send before Host, Content-Length and hop-by-hop are settled. */
export type ReplayRequest = { headers: HeaderPairs; body: Buffer };

/** The request for one stored delivery in one mode. Throws 404 for an unknown delivery
 *  and 422 when the mode cannot apply to it. */
export function buildReplayRequest(options: {
  eventId: number;
  mode: ReplayMode;
  robot?: RobotSettings;
  headers?: HeaderPairs;
  body?: string;
}): ReplayRequest {
  const event = getEvent({ id: options.eventId });
  if (options.mode === "exact") return { headers: event.headers, body: storedBytes(event) };
  if (options.mode === "edited") {
    return {
      headers: options.headers ?? event.headers,
      body: options.body !== undefined ? Buffer.from(options.body, "utf8") : storedBytes(event),
    };
  }
  const rendered = renderForEndpoint(event, options.robot ?? {});
  if (!rendered.ok)
    throw new ApiError("invalid_input", `mode: ${rendered.reason}`, [
      { field: "mode", message: rendered.reason },
    ]);
  return { headers: rendered.headers, body: rendered.body };
}
