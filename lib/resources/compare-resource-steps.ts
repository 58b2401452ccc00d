import { diffResourceDetails } from "../diff/diff-resource-details";
import { noiseMatcher } from "../diff/noise-fields";
import { ApiError } from "../http/api-error";
import { buildResourceTimeline, type ResourceKey } from "./build-resource-timeline";
import { getNoiseFields } from "./get-noise-fields";
import type { ResourceCompareBody } from "./resource-types";
import { toApiDiff } from "./to-api-diff";

/** What changed between the states two steps of a resource's timeline show. */
export function compareResourceSteps(
  options: ResourceKey & { from: number; to: number },
): ResourceCompareBody {
  const { steps } = buildResourceTimeline(options);
  const stateAt = (id: number, field: string) => {
    const step = steps.find((candidate) => candidate.delivery.id === id);
    if (!step) {
      throw new ApiError("bad_request", `Delivery ${id} is not in this resource's timeline.`, [
        { field, message: "not a step of this timeline" },
      ]);
    }
    return step.state ?? {};
  };
  const diff = diffResourceDetails(stateAt(options.from, "from"), stateAt(options.to, "to"));
  return {
    resource_type: options.resourceType,
    resource_id: options.resourceId,
    from: options.from,
    to: options.to,
    diff: toApiDiff(diff, noiseMatcher(getNoiseFields())),
  };
}
