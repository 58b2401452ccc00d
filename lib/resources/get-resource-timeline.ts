import { cachedStatement } from "../db/cached-statement";
import { noiseMatcher } from "../diff/noise-fields";
import { SUMMARY_COLUMNS, summaryFromRow, type SummaryRow } from "../events/delivery-summary";
import type { ResourceKey } from "./kept-steps";
import { getNoiseFields } from "./get-noise-fields";
import type { KeptStepRow } from "./kept-steps";
import { openKeptTimeline, type KeptTimeline } from "./open-kept-timeline";
import type { ResourceTimelineBody, TimelineDelivery } from "./resource-types";
import { decodeStepFlags } from "./step-codec";
import { decodeStepDiff } from "./step-diff";
import type { TimelineWindowQuery } from "./timeline-window";
import { toApiDiff } from "./to-api-diff";

type ResourceRow = { resource_name: string | null; status: string | null; deleted: number };
type WindowQuery = Omit<TimelineWindowQuery, "endpoint">;

/** The window's kept steps, oldest first, and whether older ones exist. */
function readWindow(
  { db, head, steps: table }: KeptTimeline,
  query: WindowQuery,
  noiseFields: string[],
) {
  const rows = cachedStatement(
    db,
    `SELECT delivery_id, flags, compared_to, diff, diff_dictionary FROM ${table}
     WHERE head = ? AND invalid = 0 AND delivery_id < ?
     ORDER BY delivery_id DESC LIMIT ?`,
  ).all(head.key, query.before ?? Number.MAX_SAFE_INTEGER, query.limit + 1) as Pick<
    KeptStepRow,
    "delivery_id" | "flags" | "compared_to" | "diff" | "diff_dictionary"
  >[];
  const steps = rows.slice(0, query.limit).reverse();
  const summaries = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM deliveries
       WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    )
    .all(JSON.stringify(steps.map((step) => step.delivery_id))) as SummaryRow[];
  const isNoise = noiseMatcher(noiseFields);
  const events = steps.map((step, i): TimelineDelivery => {
    const flags = decodeStepFlags(step.flags);
    const diff = decodeStepDiff(db, step);
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
function describeResource({ db, resource, kept, head }: KeptTimeline) {
  const latest = head.state_from === null ? undefined : kept.step(head.state_from);
  const state = latest ? kept.stateOfStep(latest) : null;
  const { resourceType, resourceId } = resource;
  const row = db
    .prepare(
      `SELECT resource_name, status, deleted FROM resources
      WHERE resource_type = ? AND resource_id = ?`,
    )
    .get(resourceType, resourceId) as ResourceRow | undefined;
  const lastName = () =>
    db
      .prepare(
        `SELECT resource_name FROM deliveries WHERE resource_type = ? AND resource_id = ?
        AND kind = 'event' AND resource_name IS NOT NULL ORDER BY id DESC LIMIT 1`,
      )
      .pluck()
      .get(resourceType, resourceId) as string | undefined;
  // A re-send or a late, stale snapshot does not rename the resource or bring a deleted
  // one back.
  return {
    state,
    resource_name:
      typeof state?.["name"] === "string"
        ? state["name"]
        : (row?.resource_name ?? lastName() ?? null),
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
  const timeline = openKeptTimeline(options);
  const { state, ...resource } = describeResource(timeline);
  const window = readWindow(timeline, options, noiseFields);
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
