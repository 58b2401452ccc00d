import { notFound } from "../../http/api-error";
import { SUMMARY_COLUMNS, type SummaryRow } from "../../events/delivery-summary";
import { keepEndpointTimeline } from "../../resources/keep-endpoint-timelines";
import {
  ENDPOINT_CHAIN_TABLES,
  keptSteps,
  WHOLE_CHAIN_TABLES,
  type KeptStepRow,
  type ResourceKey,
} from "../../resources/kept-steps";
import { keepResourceTimeline } from "../../resources/keep-timeline-steps";
import { decodeStepDiff } from "../../resources/step-diff";
import { cachedStatement } from "../cached-statement";
import type { KeptTimelineView, ResourceRow, WindowRow } from "./timelines";
import type Database from "better-sqlite3";

/**
 * A resource's kept timeline on SQLite, brought up to its last stored delivery first (a
 * reader may come before the background keeper: then it keeps the few deliveries left
 * itself, so that an answer is never behind the receiver). Filtered to one endpoint of a
 * resource several endpoints sent, it is that endpoint's own (keep-endpoint-timelines.ts).
 * Not found when no event about the resource was ever kept, or none from the endpoint
 * asked for. Synchronous better-sqlite3 reads, each answered as a resolved promise.
 */
/** A synchronous answer as the view's promise. */
const answer = <T>(value: T): Promise<T> => Promise.resolve(value);

export function openKeptTimelineSqlite(db: Database.Database, key: ResourceKey): KeptTimelineView {
  const resource = { resourceType: key.resourceType, resourceId: key.resourceId };
  keepResourceTimeline(db, resource);
  const wholeKept = keptSteps(db, resource);
  const whole = wholeKept.head();
  if (!whole) throw notFound("Resource");
  let kept = wholeKept;
  let head = whole;
  let steps = WHOLE_CHAIN_TABLES.steps;
  if (key.endpointId !== undefined && whole.mixed_endpoints) {
    const chain = { ...resource, endpointId: key.endpointId };
    keepEndpointTimeline(db, chain);
    kept = keptSteps(db, chain);
    const own = kept.head();
    if (!own) throw notFound("Resource");
    head = own;
    steps = ENDPOINT_CHAIN_TABLES.steps;
  } else if (key.endpointId !== undefined && key.endpointId !== whole.endpoint_id) {
    throw notFound("Resource");
  }
  const { resourceType, resourceId } = resource;
  return {
    resource,
    head,
    step: (id) => answer(kept.step(id)),
    stateOfStep: (row: KeptStepRow) => answer(kept.stateOfStep(row)),
    snapshotOf: (id) => answer(kept.snapshotOf(id)),
    stateAt: (id) => answer(kept.stateAt(id)),
    windowRows: (before, limit) =>
      answer(
        cachedStatement(
          db,
          `SELECT delivery_id, flags, compared_to, diff, diff_dictionary FROM ${steps}
         WHERE head = ? AND invalid = 0 AND delivery_id < ?
         ORDER BY delivery_id DESC LIMIT ?`,
        ).all(head.key, before, limit) as WindowRow[],
      ),
    summaries: (ids) =>
      answer(
        db
          .prepare(
            `SELECT ${SUMMARY_COLUMNS} FROM deliveries
           WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
          )
          .all(JSON.stringify(ids)) as SummaryRow[],
      ),
    resourceRow: () =>
      answer(
        db
          .prepare(
            `SELECT resource_name, status, deleted FROM resources
           WHERE resource_type = ? AND resource_id = ?`,
          )
          .get(resourceType, resourceId) as ResourceRow | undefined,
      ),
    lastName: () =>
      answer(
        db
          .prepare(
            `SELECT resource_name FROM deliveries WHERE resource_type = ? AND resource_id = ?
           AND kind = 'event' AND resource_name IS NOT NULL ORDER BY id DESC LIMIT 1`,
          )
          .pluck()
          .get(resourceType, resourceId) as string | undefined,
      ),
    decodeDiff: (stored) => decodeStepDiff(db, stored),
  };
}
