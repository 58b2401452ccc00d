import { expect, type APIRequestContext } from "@playwright/test";
import { renderDelivery, type EventMessage } from "../../lib/cloudpods/render-delivery";
import { generateDeliveries } from "../../lib/simulator/generate-deliveries";
import { createEndpoint, sendEvent, sendWebhook } from "../../e2e/support/fixtures";
import type { ReplaySink } from "../../tests/support/replay-sink";

/** What the screenshots open: ids of the seeded things. */
export type Seeded = {
  endpointId: string;
  deliveryId: number;
  resourcePath: string;
  compare: [number, number];
  replayId: number;
  bulkId: number;
  ruleId: number;
};

export const LONG_VM =
  "an-extremely-long-virtual-machine-name-in-the-shanghai-availability-zone-0001";

const vm = (
  action: string,
  details: Record<string, unknown>,
  result = "succeed",
): EventMessage => ({
  resource_type: "server",
  action,
  result,
  resource_details: { id: "3f8e2a8c-1b4d-4f7e-9a0c-5d6e7f8a9b0c", name: LONG_VM, ...details },
});

/**
 * Fills a fresh server the way a platform would: a few hundred simulated deliveries
 * (Chinese names, template text, alerts, duplicates, every release), a long-named
 * endpoint and resource with a timeline worth comparing, a replay, a bulk replay and a
 * forwarding rule with attempts, all over the public HTTP API.
 */
export async function seed(request: APIRequestContext, sink: ReplaySink): Promise<Seeded> {
  const main = await createEndpoint(request, { name: "华东生产集群 Cloudpods" });
  const long = await createEndpoint(request, {
    name: "staging-platform-webhook-robot-for-the-infrastructure-team-0001",
  });
  const deliveries = [
    ...generateDeliveries({
      seed: 17,
      count: 300,
      startAt: Date.now() - 3 * 3600_000,
      release: "mixed",
      alertShare: 0.05,
    }),
  ];
  for (let at = 0; at < deliveries.length; at += 8) {
    await Promise.all(
      deliveries.slice(at, at + 8).map((delivery) => sendWebhook(request, main, delivery)),
    );
  }
  const base = { status: "running", vcpu_count: 4, vmem_size: 8192, zone: "上海二区" };
  const created = await sendEvent(request, long, vm("create", base));
  const resized = await sendEvent(
    request,
    long,
    vm("update", { ...base, vcpu_count: 16, vmem_size: 65536, metadata: { 负责人: "张伟" } }),
  );
  await sendEvent(request, long, vm("stop", { ...base, status: "ready" }, "failed"));
  await sendEvent(request, long, {
    resource_type: "disk",
    action: "create",
    resource_details: { id: "disk-cn-1", name: "订单服务-数据库主节点-数据盘", size: 1024000 },
  });
  await sendWebhook(request, long, { headers: { "content-type": "application/json" }, body: "{" });
  await sendWebhook(request, long, renderDelivery({ kind: "text", text: "策略名称: 磁盘使用率" }));

  const replay = await request.post(`/api/events/${resized}/replay`, {
    data: { url: sink.url("/ok"), mode: "exact" },
  });
  expect(replay.ok()).toBe(true);
  const bulk = await request.post("/api/replays/bulk", {
    data: { url: sink.url("/ok"), mode: "exact", filter: { endpoint: long.id } },
  });
  expect(bulk.status()).toBe(202);
  const rule = await request.post("/api/forwards", {
    data: {
      name: "CMDB 同步 (every server event on the long endpoint)",
      url: sink.url("/ok"),
      mode: "exact",
      filter: { endpoint: long.id, resource_type: "server" },
    },
  });
  expect(rule.status()).toBe(201);
  await sendEvent(request, long, vm("start", base));
  return {
    endpointId: long.id,
    deliveryId: resized,
    resourcePath: `/resources/server/${encodeURIComponent("3f8e2a8c-1b4d-4f7e-9a0c-5d6e7f8a9b0c")}`,
    compare: [created, resized],
    replayId: ((await replay.json()) as { id: number }).id,
    bulkId: ((await bulk.json()) as { id: number }).id,
    ruleId: ((await rule.json()) as { id: number }).id,
  };
}
