import "server-only";
import { buildReplayRequest } from "./build-replay-request";
import { deliverReplay } from "./deliver-replay";
import { endpointRobot } from "./endpoint-robot";
import type { ReplayInput } from "./replay-input";
import type { ReplayView } from "./replay-view";

/** Replays one stored delivery to a URL in the given mode and records the attempt. */
export async function sendReplay(options: {
  eventId: number;
  input: ReplayInput;
}): Promise<ReplayView> {
  const { eventId, input } = options;
  const robot =
    input.mode === "endpoint" && input.endpoint_id
      ? await endpointRobot({ id: input.endpoint_id })
      : undefined;
  const request = buildReplayRequest({
    eventId,
    mode: input.mode,
    robot,
    headers: input.headers,
    body: input.body,
  });
  return deliverReplay({
    eventId,
    url: input.url,
    mode: input.mode,
    endpointId: input.mode === "endpoint" ? (input.endpoint_id ?? null) : null,
    request,
    timeoutMs: input.timeout_ms,
  });
}
