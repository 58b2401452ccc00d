import type Database from "better-sqlite3";
import { cachedStatement } from "../db/cached-statement";
import { readWatermark, writeWatermark } from "../db/watermark-setting";
import { extendTimeline, RESOURCE_CHUNK } from "./extend-timeline";
import type { TimelineChain } from "./kept-steps";
import { loadResourceDeliveries } from "./load-resource-deliveries";

/**
 * Endpoints' own timelines of a resource several endpoints sent (extend-timeline.ts): the
 * whole timeline's keeper takes new deliveries into the ones that are up to date; a chain
 * that is not (the resource just became mixed, with history from its first endpoint; a
 * database upgraded to these chains) is caught up here, in bounded pieces, by a sweep over
 * the chains in key order (new chains come last) or by a reader who asks for it first.
 */
const SWEPT = "timeline_endpoint_steps.swept_key";

/** An endpoint chain and how far the whole timeline is (both engines' keepers read it). */
export type BehindChain = {
  key: number;
  resource_type: string;
  resource_id: string;
  endpoint_id: string;
  through_id: number;
  whole_through: number;
};

export const CHAIN_COLUMNS = `e.key, e.resource_type, e.resource_id, e.endpoint_id, e.through_id,
  h.through_id AS whole_through FROM timeline_endpoint_heads e JOIN timeline_heads h
  ON h.resource_type = e.resource_type AND h.resource_id = e.resource_id`;

/** Reads up to `limit` of the chain's missing deliveries; true once it is caught up. */
function catchUp(db: Database.Database, chain: BehindChain, limit: number): boolean {
  if (chain.through_id >= chain.whole_through) return true;
  const ref: TimelineChain = {
    resourceType: chain.resource_type,
    resourceId: chain.resource_id,
    endpointId: chain.endpoint_id,
  };
  const deliveries = loadResourceDeliveries({
    ...ref,
    afterId: chain.through_id,
    throughId: chain.whole_through,
    limit,
    db,
  });
  const done = deliveries.length < limit;
  extendTimeline(db, ref, deliveries, done ? chain.whole_through : undefined);
  return done;
}

/**
 * One piece of the sweep, in one transaction: the next chain past the watermark gets up to
 * `limit` deliveries. False when no chain is left to look at.
 */
export function sweepEndpointTimelines(db: Database.Database, limit: number): boolean {
  return db
    .transaction(() => {
      const from = readWatermark(db, SWEPT);
      const chain = cachedStatement(
        db,
        `SELECT ${CHAIN_COLUMNS} WHERE e.key > ? ORDER BY e.key LIMIT 1`,
      ).get(from) as BehindChain | undefined;
      if (!chain) return false;
      if (catchUp(db, chain, limit)) writeWatermark(db, SWEPT, chain.key);
      return true;
    })
    .immediate();
}

/** Brings one endpoint's chain up to the whole timeline, for a reader that came first. */
export function keepEndpointTimeline(db: Database.Database, chain: Required<TimelineChain>) {
  const read = cachedStatement(
    db,
    `SELECT ${CHAIN_COLUMNS} WHERE e.resource_type = ? AND e.resource_id = ? AND e.endpoint_id = ?`,
  );
  for (;;) {
    const done = db
      .transaction(() => {
        const row = read.get(chain.resourceType, chain.resourceId, chain.endpointId) as
          BehindChain | undefined;
        return !row || catchUp(db, row, RESOURCE_CHUNK);
      })
      .immediate();
    if (done) return;
  }
}
