import { openKeptTimeline } from "../db/queries/timelines";
import { diffResourceDetails } from "../diff/diff-resource-details";
import { noiseMatcher } from "../diff/noise-fields";
import { ApiError } from "../http/api-error";
import type { ResourceKey } from "./kept-steps";
import { getNoiseFields } from "./get-noise-fields";
import type { ResourceCompareBody } from "./resource-types";
import { toApiDiff } from "./to-api-diff";

type Json = Record<string, unknown>;

/**
 * What changed between the states two steps of a resource's timeline show: two kept
 * steps' states (a row and a body each), whatever the history between them.
 */
export async function compareResourceSteps(
  options: ResourceKey & { from: number; to: number },
): Promise<ResourceCompareBody> {
  const timeline = await openKeptTimeline(options);
  const stateOf = async (id: number, field: string): Promise<Json> => {
    const state = await timeline.stateAt(id);
    if (state === undefined) {
      throw new ApiError("bad_request", `Delivery ${id} is not in this resource's timeline.`, [
        { field, message: "not a step of this timeline" },
      ]);
    }
    return state ?? {};
  };
  const diff = diffResourceDetails(
    await stateOf(options.from, "from"),
    await stateOf(options.to, "to"),
  );
  return {
    resource_type: options.resourceType,
    resource_id: options.resourceId,
    from: options.from,
    to: options.to,
    diff: toApiDiff(diff, noiseMatcher(await getNoiseFields())),
  };
}
