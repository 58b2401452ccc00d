import "server-only";
import { buildReplayRequest, type ReplayRecipe } from "./build-replay-request";
import { deliverReplay } from "./deliver-replay";
import { endpointRobot } from "./endpoint-robot";
import type { ReplayInput } from "./replay-input";
import type { ReplayView } from "./replay-view";

/** Replays one stored delivery to a URL in the given mode and records the attempt. */
export async function sendReplay(options: {
  deliveryId: number;
  input: ReplayInput;
}): Promise<ReplayView> {
  const { deliveryId, input } = options;
  const recipe: ReplayRecipe =
    input.mode === "endpoint"
      ? { mode: "endpoint", robot: await endpointRobot({ id: input.endpoint_id }) }
      : input;
  return deliverReplay({
    deliveryId,
    url: input.url,
    mode: input.mode,
    endpointId: input.mode === "endpoint" ? input.endpoint_id : null,
    request: await buildReplayRequest({ deliveryId, recipe }),
    timeoutMs: input.timeout_ms,
  });
}
