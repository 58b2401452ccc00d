import type { DiffEntry } from "../../diff/diff-resource-details";
import type { SummaryRow } from "../../events/delivery-summary";
import { notFound } from "../../http/api-error";
import type {
  KeptStepRow,
  ResourceKey,
  ResourceRef,
  TimelineHeadRow,
} from "../../resources/kept-steps";
import type { StoredDiff } from "../../resources/step-diff";
import { connection } from "../connection";
import { clientRows, sqlQuery } from "../sql-query";
import { SUMMARY_SELECT } from "./deliveries";
import {
  decodeDiff,
  keepEndpointTimeline,
  keepResourceTimeline,
  KEPT_THROUGH,
  keepTimelineBatch,
  PostgresChain,
  sweepEndpointTimelines,
} from "./timelines-postgres";
import { sweepEndpointTimelines as sweepEndpointTimelinesSqlite } from "../../resources/keep-endpoint-timelines";
import { keepTimelineBatch as keepTimelineBatchSqlite } from "../../resources/keep-timeline-steps";
import { openKeptTimelineSqlite } from "./timelines-sqlite";

type Json = Record<string, unknown>;

/** A kept step as a timeline window reads it. */
export type WindowRow = Pick<
  KeptStepRow,
  "delivery_id" | "flags" | "compared_to" | "diff" | "diff_dictionary"
>;

/** The resource list's row, as the timeline describes the resource when its state says nothing. */
export type ResourceRow = { resource_name: string | null; status: string | null; deleted: number };

/**
 * A resource's kept timeline (whole, or one endpoint's), opened for reading on either
 * engine, kept up to the resource's last stored delivery first: what the timeline, state
 * and compare APIs read (lib/resources/get-resource-*.ts, compare-resource-steps.ts).
 */
export type KeptTimelineView = {
  resource: ResourceRef;
  head: TimelineHeadRow;
  /** The kept step of this delivery, if it is one of this timeline's (valid or not). */
  step(deliveryId: number): Promise<KeptStepRow | undefined>;
  stateOfStep(row: KeptStepRow): Promise<Json | null>;
  /** What the delivery itself carried, read from its stored body. */
  snapshotOf(deliveryId: number): Promise<Json | null>;
  /** The state the step shows, when it is a kept valid step; undefined otherwise. */
  stateAt(deliveryId: number): Promise<Json | null | undefined>;
  /** The valid steps below `before`, newest first, at most `limit`. */
  windowRows(before: number, limit: number): Promise<WindowRow[]>;
  /** The deliveries' summaries, in id order. */
  summaries(ids: number[]): Promise<SummaryRow[]>;
  resourceRow(): Promise<ResourceRow | undefined>;
  /** The name of the resource's last event that named it. */
  lastName(): Promise<string | undefined>;
  decodeDiff(stored: StoredDiff): DiffEntry[] | null;
};

async function openKeptTimelinePostgres(key: ResourceKey): Promise<KeptTimelineView> {
  const db = connection();
  if (db.engine !== "postgresql") throw new Error("not on PostgreSQL");
  const { pool } = db;
  const resource = { resourceType: key.resourceType, resourceId: key.resourceId };
  await keepResourceTimeline(pool, resource);
  let kept = new PostgresChain(pool, resource);
  const whole = await kept.head();
  if (!whole) throw notFound("Resource");
  let head = whole;
  if (key.endpointId !== undefined && whole.mixed_endpoints) {
    const chain = { ...resource, endpointId: key.endpointId };
    await keepEndpointTimeline(pool, chain);
    kept = new PostgresChain(pool, chain);
    const own = await kept.head();
    if (!own) throw notFound("Resource");
    head = own;
  } else if (key.endpointId !== undefined && key.endpointId !== whole.endpoint_id) {
    throw notFound("Resource");
  }
  const named = [resource.resourceType, resource.resourceId];
  return {
    resource,
    head,
    step: (id) => kept.step(id),
    stateOfStep: (row) => kept.stateOfStep(row),
    snapshotOf: (id) => kept.snapshotOf(id),
    stateAt: (id) => kept.stateAt(id),
    windowRows: (before, limit) =>
      clientRows<WindowRow>(
        pool,
        `SELECT delivery_id, flags, compared_to, diff, diff_dictionary FROM ${kept.sql.steps}
         WHERE head = $1 AND NOT invalid AND delivery_id < $2
         ORDER BY delivery_id DESC LIMIT $3`,
        [head.key, before, limit],
      ),
    summaries: (ids) =>
      clientRows<SummaryRow>(
        pool,
        `SELECT ${SUMMARY_SELECT.postgresql} FROM deliveries WHERE id = ANY($1::bigint[])
         ORDER BY id`,
        [ids],
      ),
    resourceRow: async () =>
      (
        await clientRows<ResourceRow>(
          pool,
          `SELECT resource_name, status, deleted::int AS deleted FROM resources
           WHERE resource_type = $1 AND resource_id = $2`,
          named,
        )
      )[0],
    lastName: async () =>
      (
        await clientRows<{ resource_name: string }>(
          pool,
          `SELECT resource_name FROM deliveries WHERE resource_type = $1 AND resource_id = $2
           AND kind = 'event' AND resource_name IS NOT NULL ORDER BY id DESC LIMIT 1`,
          named,
        )
      )[0]?.resource_name,
    decodeDiff,
  };
}

/**
 * Opens a resource's kept timeline (KeptTimelineView), keeping what the background keeper
 * has not reached yet; throws not found when no event about it (from that endpoint) is kept.
 */
export async function openKeptTimeline(key: ResourceKey): Promise<KeptTimelineView> {
  const db = connection();
  if (db.engine === "sqlite") return openKeptTimelineSqlite(db.sqlite, key);
  return openKeptTimelinePostgres(key);
}

/**
 * One batch of the background keeper past its watermark, then one piece of the endpoint
 * chains' sweep (what each engine's keeper job runs; for tests and scripts on either).
 */
export async function keepTimelineSteps(limit: number) {
  const db = connection();
  if (db.engine === "sqlite") {
    const batch = keepTimelineBatchSqlite(db.sqlite, limit);
    return { ...batch, endpointsBehind: sweepEndpointTimelinesSqlite(db.sqlite, limit) };
  }
  const batch = await keepTimelineBatch(db.pool, limit);
  return { ...batch, endpointsBehind: await sweepEndpointTimelines(db.pool, limit) };
}

const newestDelivery = sqlQuery<{ newest: number | null }, []>({
  sqlite: "SELECT max(id) AS newest FROM deliveries",
  postgresql: "SELECT max(id) AS newest FROM deliveries",
});

const keptThroughSetting = sqlQuery<{ value: string }, [key: string]>({
  sqlite: "SELECT value FROM settings WHERE key = ?",
  postgresql: "SELECT value FROM settings WHERE key = $1",
});

/** How far the background keeper has come: every delivery up to kept_through has its step. */
export async function timelineKeeperProgress() {
  const kept = Number((await keptThroughSetting.get(KEPT_THROUGH))?.value ?? 0) || 0;
  return { kept_through: kept, newest_delivery_id: (await newestDelivery.get())?.newest ?? 0 };
}
