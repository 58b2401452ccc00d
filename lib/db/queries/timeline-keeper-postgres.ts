import type pg from "pg";
import { CHANGES_WATERMARK } from "../../changes/changes-watermark";
import { Timeline } from "../../diff/build-timeline";
import { snapshotTime } from "../../diff/snapshot-order";
import type { ResourceRef, TimelineChain } from "../../resources/kept-steps";
import type { ResourceDelivery } from "../../resources/resource-delivery";
import { encodeStepFlags } from "../../resources/step-codec";
import { clientRows } from "../sql-query";
import { chainMemory, PostgresChain, stateSource } from "./timeline-chain-postgres";
import { encodeDiff, loadResourceDeliveries, RESOURCE_CHUNK } from "./timeline-store-postgres";

/**
 * Adding deliveries to a kept timeline on PostgreSQL: extend-timeline.ts's rules with
 * async pg (timelines-postgres.ts says how the keeper runs).
 */
async function dropChains(client: pg.PoolClient, resource: ResourceRef, whole: boolean) {
  const [steps, heads] = whole
    ? ["timeline_steps", "timeline_heads"]
    : ["timeline_endpoint_steps", "timeline_endpoint_heads"];
  const key = [resource.resourceType, resource.resourceId];
  await client.query(
    `DELETE FROM ${steps} WHERE head IN
       (SELECT key FROM ${heads} WHERE resource_type = $1 AND resource_id = $2)`,
    key,
  );
  await client.query(`DELETE FROM ${heads} WHERE resource_type = $1 AND resource_id = $2`, key);
}

/**
 * Adds a chain's deliveries, oldest first, past those it already has (extend-timeline.ts
 * extendTimeline). Under the resource's lock (lockResource), in the caller's transaction.
 */
export async function extendChain(
  client: pg.PoolClient,
  chain: TimelineChain,
  deliveries: readonly ResourceDelivery[],
  throughId?: number,
): Promise<void> {
  const kept = new PostgresChain(client, chain);
  const head = await kept.head();
  const resource = { resourceType: chain.resourceType, resourceId: chain.resourceId };
  const keptBefore = head?.through_id ?? 0;
  const old = deliveries.filter((d) => d.id <= keptBefore).map((d) => d.id);
  if (old.length) {
    const have = await kept.keptOf(old);
    const behind = old.find((id) => !have.has(id));
    if (behind !== undefined) return rekeepResource(client, resource, behind);
  }
  const fresh = deliveries.filter((delivery) => delivery.id > keptBefore);
  const through = Math.max(fresh.at(-1)?.id ?? 0, throughId ?? 0);
  if (fresh.length === 0 && through <= keptBefore) return;
  for (const delivery of fresh) kept.details.set(delivery.id, delivery.resourceDetails);
  const { memory, prepare, newestTime } = await chainMemory(kept, head);
  const timeline = new Timeline<ResourceDelivery>({}, memory);
  const endpointId = head?.endpoint_id ?? chain.endpointId ?? fresh[0]!.summary.endpoint_id;
  const { whole, heads } = kept.sql;
  if (!head && whole) await dropChains(client, resource, false);
  if (!head) {
    const [created] = await clientRows<{ key: number }>(
      client,
      `INSERT INTO ${heads} (resource_type, resource_id, through_id, endpoint_id)
       VALUES ($1, $2, 0, $3) RETURNING key`,
      [chain.resourceType, chain.resourceId, endpointId],
    );
    kept.headKey = created!.key;
  }
  const headKey = kept.headKey!;
  let mixed = head?.mixed_endpoints === 1;
  for (const delivery of fresh) {
    mixed ||= delivery.summary.endpoint_id !== endpointId;
    const previousStateFrom = memory.stateFrom;
    await prepare(delivery);
    const step = timeline.add(delivery);
    const row = { delivery_id: delivery.id, head: headKey };
    if (!step) {
      kept.pending.set(delivery.id, {
        ...row,
        ...encodeDiff(null),
        invalid: 1,
        flags: 0,
        compared_to: null,
        state_of: null,
        state: null,
        snapshot_time: null,
      });
      continue;
    }
    kept.pending.set(delivery.id, {
      ...row,
      invalid: 0,
      flags: encodeStepFlags(step),
      compared_to: step.comparedTo,
      ...encodeDiff(step.diff ? step.diff : null),
      ...(await stateSource(kept, step, previousStateFrom)),
      snapshot_time: step.snapshot && snapshotTime(step.snapshot),
    });
  }
  await kept.flush();
  await client.query(
    `UPDATE ${heads} SET through_id = $2, state_from = $3, newest_time = $4
       ${whole ? ", endpoint_id = $5, mixed_endpoints = $6" : ""} WHERE key = $1`,
    [headKey, through, memory.stateFrom, newestTime(), ...(whole ? [endpointId, mixed] : [])],
  );
  if (whole && mixed) {
    await followEndpoints(client, resource, endpointId, fresh, keptBefore, through);
  }
}

/** extend-timeline.ts followEndpoints: each endpoint chain that had seen `before` takes its own. */
async function followEndpoints(
  client: pg.PoolClient,
  resource: ResourceRef,
  first: string,
  fresh: readonly ResourceDelivery[],
  before: number,
  through: number,
) {
  const key = [resource.resourceType, resource.resourceId];
  const endpoints = [...new Set([first, ...fresh.map((d) => d.summary.endpoint_id)])];
  await client.query(
    `INSERT INTO timeline_endpoint_heads (resource_type, resource_id, endpoint_id, through_id)
     SELECT $1, $2, endpoint, seen FROM unnest($3::text[], $4::bigint[]) AS e(endpoint, seen)
     ON CONFLICT (resource_type, resource_id, endpoint_id) DO NOTHING`,
    [...key, endpoints, endpoints.map((endpoint) => (endpoint === first ? 0 : before))],
  );
  const chains = await clientRows<{ endpoint_id: string; through_id: number }>(
    client,
    `SELECT endpoint_id, through_id FROM timeline_endpoint_heads
     WHERE resource_type = $1 AND resource_id = $2 ORDER BY key`,
    key,
  );
  for (const chain of chains) {
    if (chain.through_id !== before) continue;
    const own = fresh.filter((delivery) => delivery.summary.endpoint_id === chain.endpoint_id);
    await extendChain(client, { ...resource, endpointId: chain.endpoint_id }, own, through);
  }
}

/** extend-timeline.ts rekeepTimeline: a delivery came behind kept steps; keep all again. */
async function rekeepResource(client: pg.PoolClient, resource: ResourceRef, fromId: number) {
  await dropChains(client, resource, true);
  await dropChains(client, resource, false);
  await client.query(
    "UPDATE settings SET value = $1 WHERE key = $2 AND CAST(value AS bigint) >= $3",
    [String(fromId - 1), CHANGES_WATERMARK, fromId],
  );
  for (let afterId = 0; ;) {
    const deliveries = await loadResourceDeliveries(client, {
      ...resource,
      afterId,
      limit: RESOURCE_CHUNK,
    });
    if (deliveries.length === 0) return;
    await extendChain(client, resource, deliveries);
    afterId = deliveries.at(-1)!.id;
  }
}
