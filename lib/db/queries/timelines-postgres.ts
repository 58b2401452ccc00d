import type pg from "pg";
import { CHAIN_COLUMNS, type BehindChain } from "../../resources/keep-endpoint-timelines";
import type { ResourceRef, TimelineChain } from "../../resources/kept-steps";
import type { ResourceDelivery } from "../../resources/resource-delivery";
import { clientRows } from "../sql-query";
import { extendChain } from "./timeline-keeper-postgres";
import {
  inTransaction,
  KEPT_THROUGH,
  loadDeliveriesPast,
  loadResourceDeliveries,
  lockResource,
  lockWatermark,
  readWatermark,
  RESOURCE_CHUNK,
  SWEPT,
  writeWatermark,
  type Db,
} from "./timeline-store-postgres";

export { PostgresChain } from "./timeline-chain-postgres";
export {
  decodeDiff,
  inTransaction,
  KEPT_THROUGH,
  lockWatermark,
  readWatermark,
  writeWatermark,
} from "./timeline-store-postgres";

/**
 * The timeline keeper on PostgreSQL (docs/cluster.md, "Timelines"): SQLite's rules
 * (lib/resources/extend-timeline.ts, keep-timeline-steps.ts, keep-endpoint-timelines.ts),
 * the same Timeline and the same rows, written with async pg. A chain's memory is read
 * before each delivery is added (the Timeline asks it synchronously): what the next step
 * may ask, the state of the delivery it re-sends and the snapshot before a late one, is
 * read first; the steps of the batch are held in memory and written at its end in one
 * multi-row INSERT. A resource's chains are extended under a transaction-scoped advisory
 * lock of that resource, so the background keeper (one instance, under its job lock) and
 * readers on every instance that keep the few steps they need never extend one at once.
 */

/**
 * Brings one resource's whole timeline up to its last stored delivery, for a reader that
 * came before the background keeper (keep-timeline-steps.ts keepResourceTimeline).
 */
export async function keepResourceTimeline(pool: pg.Pool, resource: ResourceRef) {
  const key = [resource.resourceType, resource.resourceId];
  const [{ newest = null } = {}] = await clientRows<{ newest: number | null }>(
    pool,
    "SELECT max(id) AS newest FROM deliveries WHERE resource_type = $1 AND resource_id = $2",
    key,
  );
  if (newest === null) return;
  const keptTo = async (db: Db) =>
    (
      await clientRows<{ through_id: number }>(
        db,
        "SELECT through_id FROM timeline_heads WHERE resource_type = $1 AND resource_id = $2",
        key,
      )
    )[0]?.through_id ?? 0;
  if ((await keptTo(pool)) >= newest) return;
  for (let done = false; !done;) {
    done = await inTransaction(pool, async (client) => {
      await lockResource(client, resource);
      const afterId = await keptTo(client);
      if (afterId >= newest) return true;
      const deliveries = await loadResourceDeliveries(client, {
        ...resource,
        afterId,
        limit: RESOURCE_CHUNK,
      });
      await extendChain(client, resource, deliveries);
      return deliveries.length < RESOURCE_CHUNK;
    });
  }
}

/** keep-endpoint-timelines.ts catchUp: up to `limit` of a chain's missing deliveries. */
async function catchUp(client: pg.PoolClient, chain: BehindChain, limit: number) {
  if (chain.through_id >= chain.whole_through) return true;
  const ref = {
    resourceType: chain.resource_type,
    resourceId: chain.resource_id,
    endpointId: chain.endpoint_id,
  };
  const deliveries = await loadResourceDeliveries(client, {
    ...ref,
    afterId: chain.through_id,
    throughId: chain.whole_through,
    limit,
  });
  const done = deliveries.length < limit;
  await extendChain(client, ref, deliveries, done ? chain.whole_through : undefined);
  return done;
}

/** Brings one endpoint's chain up to the whole timeline, for a reader that came first. */
export async function keepEndpointTimeline(pool: pg.Pool, chain: Required<TimelineChain>) {
  const read = (db: Db) =>
    clientRows<BehindChain>(
      db,
      `SELECT ${CHAIN_COLUMNS} WHERE e.resource_type = $1 AND e.resource_id = $2
         AND e.endpoint_id = $3`,
      [chain.resourceType, chain.resourceId, chain.endpointId],
    );
  const [row] = await read(pool);
  if (!row || row.through_id >= row.whole_through) return;
  for (let done = false; !done;) {
    done = await inTransaction(pool, async (client) => {
      await lockResource(client, chain);
      const [current] = await read(client);
      return !current || catchUp(client, current, RESOURCE_CHUNK);
    });
  }
}

/**
 * Keeps the steps of the next `limit` deliveries past the watermark, in one transaction
 * holding the watermark row (keep-timeline-steps.ts keepTimelineBatch). Ids commit in
 * order on PostgreSQL (the ingest lock, docs/cluster.md): past the newest id read, none
 * can still come below it.
 */
export async function keepTimelineBatch(pool: pg.Pool, limit: number) {
  return inTransaction(pool, async (client) => {
    const from = await lockWatermark(client, KEPT_THROUGH);
    // The newest id first: each statement of a READ COMMITTED transaction sees what has
    // committed by then, and a delivery committed between the read and a later max(id)
    // would be passed over for good.
    const [{ last = null } = {}] = await clientRows<{ last: number | null }>(
      client,
      "SELECT max(id) AS last FROM deliveries",
    );
    const deliveries = await loadDeliveriesPast(client, from, last ?? 0, limit);
    const through = deliveries.length < limit ? Math.max(from, last ?? 0) : deliveries.at(-1)!.id;
    const byResource = new Map<string, { resource: ResourceRef; deliveries: ResourceDelivery[] }>();
    for (const delivery of deliveries) {
      const resourceType = delivery.summary.resource_type!;
      const resourceId = delivery.summary.resource_id!;
      const key = JSON.stringify([resourceType, resourceId]);
      const group = byResource.get(key) ?? {
        resource: { resourceType, resourceId },
        deliveries: [],
      };
      group.deliveries.push(delivery);
      byResource.set(key, group);
    }
    // Locks taken in one order: two batches never wait for each other's.
    for (const key of [...byResource.keys()].sort()) {
      const group = byResource.get(key)!;
      await lockResource(client, group.resource);
      await extendChain(client, group.resource, group.deliveries);
    }
    await writeWatermark(client, KEPT_THROUGH, through);
    return { read: deliveries.length, through, more: deliveries.length >= limit };
  });
}

/** One piece of the endpoint chains' sweep (keep-endpoint-timelines.ts sweepEndpointTimelines). */
export async function sweepEndpointTimelines(pool: pg.Pool, limit: number): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const from = await lockWatermark(client, SWEPT);
    const [chain] = await clientRows<BehindChain>(
      client,
      `SELECT ${CHAIN_COLUMNS} WHERE e.key > $1 ORDER BY e.key LIMIT 1`,
      [from],
    );
    if (!chain) return false;
    await lockResource(client, {
      resourceType: chain.resource_type,
      resourceId: chain.resource_id,
    });
    const [current] = await clientRows<BehindChain>(
      client,
      `SELECT ${CHAIN_COLUMNS} WHERE e.key = $1`,
      [chain.key],
    );
    if (!current || (await catchUp(client, current, limit))) {
      await writeWatermark(client, SWEPT, chain.key);
    }
    return true;
  });
}

/** Keeps every delivery stored when called (start-timeline-keeper.ts keepAllTimelineSteps). */
export async function keepAllTimelineSteps(pool: pg.Pool): Promise<void> {
  const [{ last = null } = {}] = await clientRows<{ last: number | null }>(
    pool,
    "SELECT max(id) AS last FROM deliveries",
  );
  while ((await readWatermark(pool, KEPT_THROUGH)) < (last ?? 0)) {
    await keepTimelineBatch(pool, 500);
  }
}
