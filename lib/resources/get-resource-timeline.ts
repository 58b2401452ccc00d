import { openKeptTimeline, type KeptTimelineView } from "../db/queries/timelines";
import { noiseMatcher } from "../diff/noise-fields";
import { summaryFromRow } from "../events/delivery-summary";
import type { ResourceKey } from "./kept-steps";
import { getNoiseFields } from "./get-noise-fields";
import type { ResourceTimelineBody, TimelineDelivery } from "./resource-types";
import { decodeStepFlags } from "./step-codec";
import type { TimelineWindowQuery } from "./timeline-window";
import { toApiDiff } from "./to-api-diff";

type WindowQuery = Omit<TimelineWindowQuery, "endpoint">;

/** The window's kept steps, oldest first, and whether older ones exist. */
async function readWindow(timeline: KeptTimelineView, query: WindowQuery, noiseFields: string[]) {
  const rows = await timeline.windowRows(query.before ?? Number.MAX_SAFE_INTEGER, query.limit + 1);
  const steps = rows.slice(0, query.limit).reverse();
  const summaries = await timeline.summaries(steps.map((step) => step.delivery_id));
  const isNoise = noiseMatcher(noiseFields);
  const events = steps.map((step, i): TimelineDelivery => {
    const flags = decodeStepFlags(step.flags);
    const diff = timeline.decodeDiff(step);
    return {
      ...summaryFromRow(summaries[i]!),
      diff: diff === null ? null : toApiDiff(diff, isNoise),
      compared_to: step.compared_to,
      first: flags.first,
      duplicate: flags.duplicate,
      deletion: flags.deletion,
      out_of_order: flags.outOfOrder,
      unchanged: flags.unchanged,
    };
  });
  return { events, nextBefore: rows.length > query.limit ? steps[0]!.delivery_id : null };
}

/** Name, status and deletion as the timeline judges them, from its latest state. */
async function describeResource(timeline: KeptTimelineView) {
  const { head } = timeline;
  const latest = head.state_from === null ? undefined : await timeline.step(head.state_from);
  const state = latest ? await timeline.stateOfStep(latest) : null;
  const row = await timeline.resourceRow();
  // A re-send or a late, stale snapshot does not rename the resource or bring a deleted
  // one back.
  return {
    state,
    resource_name:
      typeof state?.["name"] === "string"
        ? state["name"]
        : (row?.resource_name ?? (await timeline.lastName()) ?? null),
    status: typeof state?.["status"] === "string" ? state["status"] : (row?.status ?? null),
    deleted: latest ? decodeStepFlags(latest.flags).deletion : row?.deleted === 1,
  };
}

/**
 * GET /api/resources/{type}/{id}: a window of the deliveries about the resource, oldest
 * first, each with its diff against the previous snapshot, and the latest known state.
 * Reads the kept steps (keep-timeline-steps.ts): a window costs the same at 1,000
 * deliveries as at 200,000.
 */
export async function getResourceTimeline(
  options: ResourceKey & WindowQuery,
): Promise<ResourceTimelineBody> {
  const noiseFields = await getNoiseFields();
  const timeline = await openKeptTimeline(options);
  const { state, ...resource } = await describeResource(timeline);
  const window = await readWindow(timeline, options, noiseFields);
  return {
    resource_type: options.resourceType,
    resource_id: options.resourceId,
    ...resource,
    state,
    state_from: timeline.head.state_from,
    events: window.events,
    next_before: window.nextBefore,
    total_events: timeline.head.steps,
    invalid_signature_count: timeline.head.invalid_steps,
    noise_fields: noiseFields,
  };
}
