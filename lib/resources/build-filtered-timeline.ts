import type { TimelineStep } from "../diff/build-timeline";
import { noiseMatcher, type NoiseMatcher } from "../diff/noise-fields";
import { getDatabase } from "../db/sqlite";
import { buildResourceTimeline, type ResourceKey } from "./build-resource-timeline";
import { getNoiseFields } from "./get-noise-fields";
import type { ResourceDelivery } from "./load-resource-deliveries";
import type { ResourceTimelineBody, TimelineDelivery } from "./resource-types";
import { windowSteps, type TimelineWindowQuery } from "./timeline-window";
import { toApiDiff } from "./to-api-diff";

type ResourceRow = { resource_name: string | null; status: string | null; deleted: number };

function toTimelineEvent(
  step: TimelineStep<ResourceDelivery>,
  isNoise: NoiseMatcher,
): TimelineDelivery {
  return {
    ...step.delivery.summary,
    diff: step.diff && toApiDiff(step.diff, isNoise),
    compared_to: step.comparedTo,
    first: step.first,
    duplicate: step.duplicate,
    deletion: step.deletion,
    out_of_order: step.outOfOrder,
    unchanged: step.unchanged,
  };
}

/**
 * A window of the timeline built from the whole history at once: for a timeline filtered
 * to one endpoint of a resource that several endpoints sent, whose steps are not the
 * kept ones (those follow every endpoint's deliveries).
 */
export function buildFilteredTimeline(
  options: ResourceKey & Omit<TimelineWindowQuery, "endpoint">,
): ResourceTimelineBody {
  const timeline = buildResourceTimeline(options);
  const row = getDatabase()
    .prepare(
      `SELECT resource_name, status, deleted FROM resources
       WHERE resource_type = ? AND resource_id = ?`,
    )
    .get(options.resourceType, options.resourceId) as ResourceRow | undefined;
  const noiseFields = getNoiseFields();
  const isNoise = noiseMatcher(noiseFields);
  const { steps, deliveries, state } = timeline;
  const latestName = deliveries.findLast((d) => d.summary.resource_name)?.summary.resource_name;
  // Name, status and deletion as the timeline judges them: a re-send or a late, stale
  // snapshot does not rename the resource or bring a deleted one back.
  const latest = steps.find((step) => step.delivery.id === timeline.stateFrom);
  const window = windowSteps(steps, (step) => step.delivery.id, options);
  return {
    resource_type: options.resourceType,
    resource_id: options.resourceId,
    resource_name:
      typeof state?.["name"] === "string"
        ? state["name"]
        : (row?.resource_name ?? latestName ?? null),
    status: typeof state?.["status"] === "string" ? state["status"] : (row?.status ?? null),
    deleted: latest ? latest.deletion : row?.deleted === 1,
    state: timeline.state,
    state_from: timeline.stateFrom,
    events: window.steps.map((step) => toTimelineEvent(step, isNoise)),
    next_before: window.nextBefore,
    total_events: steps.length,
    invalid_signature_count: deliveries.length - steps.length,
    noise_fields: noiseFields,
  };
}
