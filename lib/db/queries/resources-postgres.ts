import { BARE_ROW_ACTIONS } from "../../cloudpods/vocabulary";
import type { DeliveryRecord, StoredDelivery } from "../../ingest/delivery-record";
import { postgresArray } from "./dialect";

/** What a run of a batch's deliveries about one resource leaves in its row. */
type ResourceFold = {
  type: string;
  id: string;
  name: string | null;
  status: string | null;
  action: string | null;
  result: string | null;
  eventId: number;
  endpointId: string;
  deleted: boolean;
  firstAt: number;
  lastAt: number;
  count: number;
};

/**
 * The resources table as SQLite's writer keeps it, row by row: an event upserts its
 * resource (names and statuses only ever fill in), and a re-send only counts as a
 * delivery seen, unless the resource has no row yet (then it makes it). A batch may hold
 * several deliveries about one resource, and one statement cannot touch a row twice, so
 * each resource's run is folded here both ways: as it leaves a row that exists (the
 * UPDATE; re-sends leave the last action alone) and as it makes a row that does not (the
 * INSERT of the rest). Under the ingest lock no other batch changes them in between.
 */
export function foldResources(records: DeliveryRecord[], stored: StoredDelivery[]) {
  const existing = new Map<string, ResourceFold & { merged: boolean }>();
  const created = new Map<string, ResourceFold>();
  records.forEach((record, i) => {
    if (record.kind !== "event" || !record.resourceType || !record.resourceId) return;
    if (record.signature === "invalid") return;
    const key = `${record.resourceType}\u0000${record.resourceId}`;
    const resend = stored[i]!.duplicateOf !== null;
    const deletion = record.action !== null && BARE_ROW_ACTIONS.has(record.action);
    const fresh: ResourceFold = {
      type: record.resourceType,
      id: record.resourceId,
      name: record.resourceName,
      status: record.resourceStatus,
      action: record.action,
      result: record.result,
      eventId: stored[i]!.id,
      endpointId: record.endpointId,
      deleted: deletion && record.result !== "failed",
      firstAt: record.receivedAt,
      lastAt: record.receivedAt,
      count: 1,
    };
    const merge = (into: ResourceFold): ResourceFold => ({
      ...fresh,
      name: fresh.name ?? into.name,
      status: fresh.status ?? into.status,
      firstAt: into.firstAt,
      count: into.count + 1,
    });
    const count = (into: ResourceFold): ResourceFold => ({
      ...into,
      lastAt: record.receivedAt,
      count: into.count + 1,
    });
    // The row exists already: a re-send counts, an event merges.
    const before = existing.get(key);
    if (!before) {
      // A re-send first in its run leaves the row's names and last action alone.
      existing.set(
        key,
        resend ? { ...fresh, name: null, status: null, merged: false } : { ...fresh, merged: true },
      );
    } else {
      existing.set(
        key,
        resend ? { ...count(before), merged: before.merged } : { ...merge(before), merged: true },
      );
    }
    // It does not: the first delivery makes it, whatever it is.
    const made = created.get(key);
    created.set(key, !made ? fresh : resend ? count(made) : merge(made));
  });
  return { updates: [...existing.values()], inserts: [...created.values()] };
}

type Column<Row> = [alias: string, type: string, value: (row: Row) => unknown];

/** The UPDATE's and the INSERT's columns, each spelled once: its alias in the statement,
 *  its array's type and where a fold gives it. */
const UPDATED: Array<Column<ResourceFold & { merged: boolean }>> = [
  ["type", "text", (u) => u.type],
  ["id", "text", (u) => u.id],
  ["merged", "bool", (u) => u.merged],
  ["name", "text", (u) => u.name],
  ["status", "text", (u) => u.status],
  ["action", "text", (u) => u.action],
  ["result", "text", (u) => u.result],
  ["event_id", "int8", (u) => u.eventId],
  ["endpoint_id", "text", (u) => u.endpointId],
  ["deleted", "bool", (u) => u.deleted],
  ["last_at", "int8", (u) => u.lastAt],
  ["count", "int4", (u) => u.count],
];
const MADE: Array<Column<ResourceFold>> = [
  ["type", "text", (u) => u.type],
  ["id", "text", (u) => u.id],
  ["name", "text", (u) => u.name],
  ["status", "text", (u) => u.status],
  ["action", "text", (u) => u.action],
  ["result", "text", (u) => u.result],
  ["event_id", "int8", (u) => u.eventId],
  ["endpoint_id", "text", (u) => u.endpointId],
  ["first_at", "int8", (u) => u.firstAt],
  ["last_at", "int8", (u) => u.lastAt],
  ["count", "int4", (u) => u.count],
  ["deleted", "bool", (u) => u.deleted],
];

/** resourceWritesSql's parameters, in its order: the updates' arrays, then the inserts'. */
export function resourceWriteValues(records: DeliveryRecord[], stored: StoredDelivery[]) {
  const { updates, inserts } = foldResources(records, stored);
  return [
    ...UPDATED.map(([, type, value]) => postgresArray(type, updates.map(value))),
    ...MADE.map(([, type, value]) => postgresArray(type, inserts.map(value))),
  ];
}

/** How many parameters resourceWritesSql takes. */
export const RESOURCE_WRITE_PARAMETERS = UPDATED.length + MADE.length;

/** `unnest($n::type[], …) AS alias(columns)`, its parameters numbered from `first`. */
function unnested<Row>(columns: Array<Column<Row>>, first: number, alias: string) {
  const arrays = columns.map(([, type], i) => `$${first + i}::${type}[]`).join(", ");
  return `unnest(${arrays}) AS ${alias}(${columns.map(([name]) => name).join(", ")})`;
}

/**
 * Two CTEs of the ingest statement, its parameters numbered from `first`: the folded runs
 * update the rows that exist, and make the rest. Both see the statement's snapshot, so
 * the INSERT skips what the UPDATE returned rather than what it cannot see yet.
 */
export function resourceWritesSql(first: number) {
  return `resources_updated AS (
     UPDATE resources AS r SET
       resource_name = coalesce(u.name, r.resource_name),
       status = coalesce(u.status, r.status),
       last_action = CASE WHEN u.merged THEN u.action ELSE r.last_action END,
       last_result = CASE WHEN u.merged THEN u.result ELSE r.last_result END,
       last_event_id = CASE WHEN u.merged THEN u.event_id ELSE r.last_event_id END,
       endpoint_id = CASE WHEN u.merged THEN u.endpoint_id ELSE r.endpoint_id END,
       deleted = CASE WHEN u.merged THEN u.deleted ELSE r.deleted END,
       last_seen_at = to_timestamp(u.last_at / 1000.0),
       delivery_count = r.delivery_count + u.count
     FROM ${unnested(UPDATED, first, "u")}
     WHERE r.resource_type = u.type AND r.resource_id = u.id
     RETURNING r.resource_type, r.resource_id),
   resources_made AS (
     INSERT INTO resources (resource_type, resource_id, resource_name, status, last_action,
       last_result, last_event_id, endpoint_id, first_seen_at, last_seen_at, delivery_count, deleted)
     SELECT type, id, name, status, action, result, event_id, endpoint_id,
            to_timestamp(first_at / 1000.0), to_timestamp(last_at / 1000.0), count, deleted
       FROM ${unnested(MADE, first + UPDATED.length, "c")}
      WHERE NOT EXISTS (SELECT 1 FROM resources_updated AS done
                         WHERE done.resource_type = c.type AND done.resource_id = c.id))`;
}
