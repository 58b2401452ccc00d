import type Database from "better-sqlite3";
import { Timeline, type TimelineStep } from "../diff/build-timeline";
import { cachedStatement } from "../db/cached-statement";
import { CHANGES_WATERMARK } from "../changes/changes-watermark";
import { snapshotTime } from "../diff/snapshot-order";
import {
  chainKey,
  chainTables,
  ENDPOINT_CHAIN_TABLES,
  WHOLE_CHAIN_TABLES,
  type ChainTables,
  keptSteps,
  timelineMemory,
  type KeptSteps,
  type ResourceRef,
  type TimelineChain,
} from "./kept-steps";
import { loadResourceDeliveries, type ResourceDelivery } from "./load-resource-deliveries";
import { encodeStepFlags } from "./step-codec";
import { encodeStepDiff } from "./step-diff";

/**
 * Adds deliveries to a kept timeline (keep-timeline-steps.ts says how steps are kept). The
 * steps come from the same Timeline as a timeline built at once, its memory read from the
 * kept rows. A chain is a resource's whole timeline, or one endpoint's: once several
 * endpoints sent a resource, each has its own beside the whole one, its steps comparing a
 * delivery with that endpoint's earlier ones only, as a timeline filtered to it shows.
 */

/** Deliveries of one resource read at once when one timeline catches up. */
export const RESOURCE_CHUNK = 2000;

function statements(db: Database.Database, chain: TimelineChain) {
  const tables = chainTables(chain);
  const whole = chain.endpointId === undefined;
  return {
    // Plain inserts: a step is written once (rekeeping deletes first), and the counting
    // triggers would miss the row a REPLACE deletes.
    insertStep: cachedStatement(
      db,
      `INSERT INTO ${tables.steps} (delivery_id, head, invalid, flags, compared_to, diff,
        diff_dictionary, state_of, state, snapshot_time)
      VALUES (@deliveryId, @head, @invalid, @flags, @comparedTo, @diff, @diff_dictionary,
        @stateOf, @state, @snapshotTime)`,
    ),
    createHead: cachedStatement(
      db,
      `INSERT INTO ${tables.heads} (resource_type, resource_id, through_id, endpoint_id)
      VALUES (@type, @id, 0, @endpoint) RETURNING key`,
      "pluck",
    ),
    updateHead: cachedStatement(
      db,
      `UPDATE ${tables.heads} SET through_id = @throughId, state_from = @stateFrom,
        newest_time = @newestTime${whole ? ", endpoint_id = @endpointId, mixed_endpoints = @mixed" : ""}
      WHERE key = @head`,
    ),
  };
}

/** Where this step's state is kept: its own row, or the row it shows the state of. */
function stateSource(
  kept: KeptSteps,
  step: TimelineStep<ResourceDelivery>,
  previousStateFrom: number | null,
): { stateOf: number | null; state: string | null } {
  const id = step.delivery.id;
  if (step.duplicate)
    return { stateOf: kept.step(step.comparedTo!)?.state_of ?? null, state: null };
  if (step.snapshot === null)
    return { stateOf: step.state ? previousStateFrom : null, state: null };
  // A bare row laid over the state before it: no single body holds that state.
  const merged = step.state !== step.snapshot;
  return { stateOf: id, state: merged ? JSON.stringify(step.state) : null };
}

/**
 * Adds a chain's deliveries, oldest first, past those it already has. `throughId`: how far
 * an endpoint's chain has now seen the resource's history (the whole timeline's head), when
 * that is past its own last delivery.
 */
export function extendTimeline(
  db: Database.Database,
  chain: TimelineChain,
  deliveries: readonly ResourceDelivery[],
  throughId?: number,
) {
  const kept = keptSteps(db, chain);
  const head = kept.head();
  const resource = { resourceType: chain.resourceType, resourceId: chain.resourceId };
  const behind = deliveries.find((d) => d.id <= (head?.through_id ?? 0) && !kept.step(d.id));
  if (behind) return rekeepTimeline(db, resource, behind.id);
  const fresh = deliveries.filter((delivery) => delivery.id > (head?.through_id ?? 0));
  const through = Math.max(fresh.at(-1)?.id ?? 0, throughId ?? 0);
  if (fresh.length === 0 && through <= (head?.through_id ?? 0)) return;
  const memory = timelineMemory(kept);
  const timeline = new Timeline<ResourceDelivery>({}, memory);
  const { insertStep, createHead, updateHead } = statements(db, chain);
  const endpointId = head?.endpoint_id ?? chain.endpointId ?? fresh[0]!.summary.endpoint_id;
  const whole = chain.endpointId === undefined;
  // A new whole timeline: endpoints' chains left from the resource's earlier life (its
  // head pruned by retention) would carry memory of deliveries that are gone.
  if (!head && whole) dropChains(db, resource, ENDPOINT_CHAIN_TABLES);
  const headKey =
    head?.key ?? (createHead.get({ ...chainKey(chain), endpoint: endpointId }) as number);
  let mixed = head?.mixed_endpoints === 1;
  for (const delivery of fresh) {
    mixed ||= delivery.summary.endpoint_id !== endpointId;
    const previousStateFrom = memory.stateFrom;
    const step = timeline.add(delivery);
    const row = { deliveryId: delivery.id, head: headKey, flags: 0, comparedTo: null };
    if (!step) {
      insertStep.run({
        ...row,
        ...encodeStepDiff(db, null),
        invalid: 1,
        stateOf: null,
        state: null,
        snapshotTime: null,
      });
      continue;
    }
    insertStep.run({
      ...row,
      invalid: 0,
      flags: encodeStepFlags(step),
      comparedTo: step.comparedTo,
      ...encodeStepDiff(db, step.diff ? step.diff : null),
      ...stateSource(kept, step, previousStateFrom),
      snapshotTime: step.snapshot && snapshotTime(step.snapshot),
    });
  }
  updateHead.run({
    head: headKey,
    throughId: through,
    stateFrom: memory.stateFrom,
    newestTime: memory.newestTime(),
    ...(whole ? { endpointId, mixed: mixed ? 1 : 0 } : {}),
  });
  if (whole && mixed) {
    followEndpoints(db, resource, endpointId, fresh, head?.through_id ?? 0, through);
  }
}

/**
 * The whole timeline of a resource several endpoints sent took `fresh` in: each endpoint's
 * chain that had seen everything up to `before` takes its own of them. An endpoint seen for
 * the first time has no history before `fresh`, so its new chain has seen everything too;
 * the resource's first endpoint has, when the resource just became mixed: its chain starts
 * empty and is left to the sweep (keep-endpoint-timelines.ts), which reads that history in
 * bounded pieces, as it does for a chain still catching up.
 */
function followEndpoints(
  db: Database.Database,
  resource: ResourceRef,
  /** The endpoint that sent the resource first (the whole timeline head's). */
  first: string,
  fresh: readonly ResourceDelivery[],
  before: number,
  through: number,
) {
  const key = { type: resource.resourceType, id: resource.resourceId };
  const ensure = cachedStatement(
    db,
    `INSERT INTO timeline_endpoint_heads (resource_type, resource_id, endpoint_id, through_id)
     SELECT @type, @id, @endpoint, @seen WHERE NOT EXISTS (SELECT 1 FROM timeline_endpoint_heads
       WHERE resource_type = @type AND resource_id = @id AND endpoint_id = @endpoint)`,
  );
  for (const endpoint of new Set([first, ...fresh.map((d) => d.summary.endpoint_id)])) {
    ensure.run({ ...key, endpoint, seen: endpoint === first ? 0 : before });
  }
  const chains = cachedStatement(
    db,
    `SELECT endpoint_id, through_id FROM timeline_endpoint_heads
     WHERE resource_type = @type AND resource_id = @id`,
  ).all(key) as Array<{ endpoint_id: string; through_id: number }>;
  for (const chain of chains) {
    if (chain.through_id !== before) continue;
    const own = fresh.filter((delivery) => delivery.summary.endpoint_id === chain.endpoint_id);
    extendTimeline(db, { ...resource, endpointId: chain.endpoint_id }, own, through);
  }
}

/** Deletes a resource's chains of one kind. Cached statements: every new resource's first
 *  keep clears leftover endpoint chains, so this runs on the keeper's common path. */
function dropChains(db: Database.Database, resource: ResourceRef, { steps, heads }: ChainTables) {
  const key = [resource.resourceType, resource.resourceId];
  cachedStatement(
    db,
    `DELETE FROM ${steps} WHERE head IN
      (SELECT key FROM ${heads} WHERE resource_type = ? AND resource_id = ?)`,
  ).run(...key);
  cachedStatement(db, `DELETE FROM ${heads} WHERE resource_type = ? AND resource_id = ?`).run(
    ...key,
  );
}

/**
 * A delivery that came behind steps already kept (an id below theirs: a database restored
 * or merged under a running keeper; one writer never does this). Every step after it may
 * change, its successor's first: the resource's timelines are kept again from the start,
 * and the field-change index again from that delivery.
 */
export function rekeepTimeline(db: Database.Database, resource: ResourceRef, fromId: number) {
  dropChains(db, resource, WHOLE_CHAIN_TABLES);
  dropChains(db, resource, ENDPOINT_CHAIN_TABLES);
  db.prepare("UPDATE settings SET value = ? WHERE key = ? AND CAST(value AS INTEGER) >= ?").run(
    String(fromId - 1),
    CHANGES_WATERMARK,
    fromId,
  );
  for (let afterId = 0; ;) {
    const deliveries = loadResourceDeliveries({ ...resource, afterId, limit: RESOURCE_CHUNK, db });
    if (deliveries.length === 0) return;
    extendTimeline(db, resource, deliveries);
    afterId = deliveries.at(-1)!.id;
  }
}
