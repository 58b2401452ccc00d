import { getPrisma } from "../../lib/db/prisma";
import { openReceivingStore } from "../../lib/db/queries/receiving";
import type { DeliveryRecord } from "../../lib/ingest/delivery-record";
import { deliveryRecordFixture } from "../../lib/ingest/delivery-record-fixture";

/**
 * Deliveries for tests/postgres/retention-queries.test.ts, with all that hangs off them
 * (replays, forwarding inbox, resource changes, the keeper's timelines, the rollups'
 * counts), seeded through the receiver's store and Prisma on either engine, and what of
 * it is left.
 */
export const T0 = Date.UTC(2026, 11, 2, 12, 0, 0, 123);
const SPACING_MS = 10_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Delivery i: five resources only in the first five, then five that recur. */
export const resourceOf = (i: number) => (i < 5 ? `old-${i}` : `s-${i % 5}`);

export const record = (i: number, fields: Partial<DeliveryRecord> = {}): DeliveryRecord =>
  deliveryRecordFixture({
    receivedAt: T0 + i * SPACING_MS,
    resourceId: resourceOf(i),
    result: i % 3 === 0 ? "failed" : "succeed",
    bodyHash: `h${i}`,
    body: Buffer.from(JSON.stringify({ i })),
    ...fields,
  });

type Counted = {
  endpointId: string;
  receivedAt: Date;
  resourceId: string | null;
  result: string | null;
};

const bucket = (at: Date, span: number) => at.getTime() - (at.getTime() % span);

/** The rollups as lib/stats/refresh-rollups.ts leaves them for these deliveries. */
export function rollupsOf(deliveries: Counted[]) {
  const counts = new Map<string, number>();
  const resources = new Map<string, { count: number; failures: number }>();
  for (const d of deliveries) {
    for (const span of [MINUTE, HOUR]) {
      const key = `${span}|${bucket(d.receivedAt, span)}|${d.endpointId}|${d.result}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const span of [HOUR, DAY]) {
      const key = `${span}|${bucket(d.receivedAt, span)}|${d.resourceId}|${d.endpointId}`;
      const row = resources.get(key) ?? { count: 0, failures: 0 };
      row.count++;
      if (d.result === "failed") row.failures++;
      resources.set(key, row);
    }
  }
  return { counts, resources };
}

export async function storedRollups() {
  const prisma = getPrisma();
  const counts = new Map<string, number>();
  for (const row of await prisma.deliveryCount.findMany())
    counts.set(
      `${row.span}|${row.bucketStart.getTime()}|${row.endpointId}|${row.result}`,
      row.count,
    );
  const resources = new Map<string, { count: number; failures: number }>();
  for (const row of await prisma.resourceCount.findMany())
    resources.set(`${row.span}|${row.bucketStart.getTime()}|${row.resourceId}|${row.endpointId}`, {
      count: row.count,
      failures: row.failures,
    });
  return { counts, resources };
}

export const SELECT_COUNTED = {
  endpointId: true,
  receivedAt: true,
  resourceId: true,
  result: true,
};

/** Thirty deliveries through the receiver's writer, with what hangs off them. */
export async function seed(): Promise<number[]> {
  const prisma = getPrisma();
  const { writer } = openReceivingStore(0);
  const ids: number[] = [];
  for (let i = 0; i < 30; i++) ids.push((await writer.write(record(i))).id);
  for (const [i, id] of ids.entries()) {
    await prisma.replay.create({
      data: {
        deliveryId: id,
        url: "http://127.0.0.1:9/",
        mode: "exact",
        requestHeaders: "[]",
        requestBody: Buffer.from("{}"),
      },
    });
    await prisma.forwardInbox.create({
      data: {
        deliveryId: id,
        ruleIds: "1",
        orderKey: `server/${resourceOf(i)}`,
        queuedAt: new Date(),
      },
    });
    await prisma.resourceChange.create({
      data: {
        deliveryId: id,
        resourceType: "server",
        resourceId: resourceOf(i),
        path: '["i"]',
        field: "i",
        op: "replace",
        changedAt: new Date(T0 + i * SPACING_MS),
      },
    });
  }
  // The keeper's timelines: a head per resource through its last delivery, a step each.
  for (const resourceId of new Set(ids.map((_, i) => resourceOf(i)))) {
    const mine = ids.filter((_, i) => resourceOf(i) === resourceId);
    const head = await prisma.timelineHead.create({
      data: { resourceType: "server", resourceId, throughId: mine.at(-1)!, endpointId: "ep" },
    });
    for (const deliveryId of mine)
      await prisma.timelineStep.create({ data: { deliveryId, head: head.key } });
    await prisma.timelineEndpointHead.create({
      data: { resourceType: "server", resourceId, endpointId: "ep", throughId: mine.at(-1)! },
    });
  }
  // The rollups have counted every delivery so far.
  const all = await prisma.delivery.findMany({ select: SELECT_COUNTED });
  const { counts, resources } = rollupsOf(all);
  for (const [key, count] of counts) {
    const [span, start, endpointId, result] = key.split("|");
    await prisma.deliveryCount.create({
      data: {
        span: Number(span),
        bucketStart: new Date(Number(start)),
        endpointId: endpointId!,
        kind: "event",
        resourceType: "server",
        action: "update",
        result: result!,
        signature: "unsigned",
        count,
      },
    });
  }
  for (const [key, row] of resources) {
    const [span, start, resourceId, endpointId] = key.split("|");
    await prisma.resourceCount.create({
      data: {
        span: Number(span),
        bucketStart: new Date(Number(start)),
        resourceType: "server",
        resourceId: resourceId!,
        endpointId: endpointId!,
        ...row,
      },
    });
  }
  await prisma.statsRollupState.upsert({
    where: { id: 1 },
    create: { id: 1, lastDeliveryId: ids.at(-1)! },
    update: { lastDeliveryId: ids.at(-1)! },
  });
  return ids;
}

export async function left() {
  const prisma = getPrisma();
  const ids = (
    await prisma.delivery.findMany({ select: { id: true }, orderBy: { id: "asc" } })
  ).map((row) => row.id);
  const deliveryIds = async (rows: Promise<Array<{ deliveryId: number }>>) =>
    (await rows).map((row) => row.deliveryId).sort((a, b) => a - b);
  return {
    ids,
    contents: await deliveryIds(prisma.deliveryContent.findMany({ select: { deliveryId: true } })),
    replays: await deliveryIds(prisma.replay.findMany({ select: { deliveryId: true } })),
    inbox: await deliveryIds(prisma.forwardInbox.findMany({ select: { deliveryId: true } })),
    changes: await deliveryIds(prisma.resourceChange.findMany({ select: { deliveryId: true } })),
    steps: await deliveryIds(prisma.timelineStep.findMany({ select: { deliveryId: true } })),
    resources: (await prisma.resource.findMany()).map((row) => row.resourceId).sort(),
    heads: (await prisma.timelineHead.findMany()).map((row) => [row.resourceId, row.steps]).sort(),
    endpointHeads: (await prisma.timelineEndpointHead.findMany())
      .map((row) => row.resourceId)
      .sort(),
  };
}
