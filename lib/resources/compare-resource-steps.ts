import { diffResourceDetails } from "../diff/diff-resource-details";
import { noiseMatcher } from "../diff/noise-fields";
import { ApiError } from "../http/api-error";
import type { ResourceKey } from "./kept-steps";
import { getNoiseFields } from "./get-noise-fields";
import { openKeptTimeline } from "./open-kept-timeline";
import type { ResourceCompareBody } from "./resource-types";
import { toApiDiff } from "./to-api-diff";

type Json = Record<string, unknown>;
type StateAt = (id: number) => Json | null | undefined;

/**
 * What changed between the states two steps of a resource's timeline show: two kept
 * steps' states (a row and a body each), whatever the history between them.
 */
export async function compareResourceSteps(
  options: ResourceKey & { from: number; to: number },
): Promise<ResourceCompareBody> {
  const { kept } = openKeptTimeline(options);
  const stateAt: StateAt = (id) => kept.stateAt(id);
  const stateOf = (id: number, field: string) => {
    const state = stateAt(id);
    if (state === undefined) {
      throw new ApiError("bad_request", `Delivery ${id} is not in this resource's timeline.`, [
        { field, message: "not a step of this timeline" },
      ]);
    }
    return state ?? {};
  };
  const diff = diffResourceDetails(stateOf(options.from, "from"), stateOf(options.to, "to"));
  return {
    resource_type: options.resourceType,
    resource_id: options.resourceId,
    from: options.from,
    to: options.to,
    diff: toApiDiff(diff, noiseMatcher(await getNoiseFields())),
  };
}
