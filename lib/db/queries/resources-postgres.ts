import type pg from "pg";
import { BARE_ROW_ACTIONS } from "../../cloudpods/vocabulary";
import type { DeliveryRecord, StoredDelivery } from "../../ingest/delivery-record";
import { clientRows } from "../sql-query";

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
export async function keepResources(
  client: pg.PoolClient,
  records: DeliveryRecord[],
  stored: StoredDelivery[],
) {
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
  if (existing.size === 0) return;
  const updates = [...existing.values()];
  const updated = await clientRows<{ resource_type: string; resource_id: string }>(
    client,
    `UPDATE resources AS r SET
       resource_name = coalesce(u.name, r.resource_name),
       status = coalesce(u.status, r.status),
       last_action = CASE WHEN u.merged THEN u.action ELSE r.last_action END,
       last_result = CASE WHEN u.merged THEN u.result ELSE r.last_result END,
       last_event_id = CASE WHEN u.merged THEN u.event_id ELSE r.last_event_id END,
       endpoint_id = CASE WHEN u.merged THEN u.endpoint_id ELSE r.endpoint_id END,
       deleted = CASE WHEN u.merged THEN u.deleted ELSE r.deleted END,
       last_seen_at = to_timestamp(u.last_at / 1000.0),
       delivery_count = r.delivery_count + u.count
     FROM unnest($1::text[], $2::text[], $3::bool[], $4::text[], $5::text[], $6::text[],
                 $7::text[], $8::int8[], $9::text[], $10::bool[], $11::int8[], $12::int4[])
       AS u(type, id, merged, name, status, action, result, event_id, endpoint_id, deleted, last_at, count)
     WHERE r.resource_type = u.type AND r.resource_id = u.id
     RETURNING r.resource_type, r.resource_id`,
    [
      updates.map((u) => u.type),
      updates.map((u) => u.id),
      updates.map((u) => u.merged),
      updates.map((u) => u.name),
      updates.map((u) => u.status),
      updates.map((u) => u.action),
      updates.map((u) => u.result),
      updates.map((u) => u.eventId),
      updates.map((u) => u.endpointId),
      updates.map((u) => u.deleted),
      updates.map((u) => u.lastAt),
      updates.map((u) => u.count),
    ],
  );
  for (const row of updated) created.delete(`${row.resource_type}\u0000${row.resource_id}`);
  if (created.size === 0) return;
  const inserts = [...created.values()];
  await client.query(
    `INSERT INTO resources (resource_type, resource_id, resource_name, status, last_action,
       last_result, last_event_id, endpoint_id, first_seen_at, last_seen_at, delivery_count, deleted)
     SELECT type, id, name, status, action, result, event_id, endpoint_id,
            to_timestamp(first_at / 1000.0), to_timestamp(last_at / 1000.0), count, deleted
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                   $7::int8[], $8::text[], $9::int8[], $10::int8[], $11::int4[], $12::bool[])
         AS u(type, id, name, status, action, result, event_id, endpoint_id, first_at, last_at, count, deleted)`,
    [
      inserts.map((u) => u.type),
      inserts.map((u) => u.id),
      inserts.map((u) => u.name),
      inserts.map((u) => u.status),
      inserts.map((u) => u.action),
      inserts.map((u) => u.result),
      inserts.map((u) => u.eventId),
      inserts.map((u) => u.endpointId),
      inserts.map((u) => u.firstAt),
      inserts.map((u) => u.lastAt),
      inserts.map((u) => u.count),
      inserts.map((u) => u.deleted),
    ],
  );
}
