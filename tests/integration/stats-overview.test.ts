import { describe, expect, inject, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { api, createEndpoint, sendDelivery } from "../support/api";

type TopResource = {
  resource_type: string;
  resource_id: string;
  resource_name: string | null;
  deliveries: number;
  failures: number;
};
type Summary = { id: number; kind: string; result: string | null; signature: string };

const event = (resource_type: string, id: string, action: string, result = "succeed") =>
  renderDelivery({
    kind: "event",
    event: { resource_type, action, result, resource_details: { id, name: `${id}-名前` } },
  });

const recent = () => new Date(Date.now() - 60_000).toISOString();

describe("overview queries", () => {
  it("ranks resources by deliveries and by failed results", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const mix = [
      event("server", "s-1", "update"),
      event("server", "s-1", "update"),
      event("server", "s-1", "start", "failed"),
      event("disk", "d-1", "create", "failed"),
      event("disk", "d-1", "attach", "failed"),
      event("host", "h-1", "update"),
      renderDelivery({ kind: "text", text: "not a resource" }),
    ];
    for (const delivery of mix)
      expect((await sendDelivery(endpoint.receiver_url, delivery)).status).toBe(200);

    const top = async (query: string) =>
      (
        await api<{ data: TopResource[] }>(
          baseUrl,
          `/api/stats/top-resources?endpoint=${endpoint.id}&since=${recent()}${query}`,
        )
      ).body.data;
    expect(await top("")).toEqual([
      {
        resource_type: "server",
        resource_id: "s-1",
        resource_name: "s-1-名前",
        deliveries: 3,
        failures: 1,
      },
      {
        resource_type: "disk",
        resource_id: "d-1",
        resource_name: "d-1-名前",
        deliveries: 2,
        failures: 2,
      },
      {
        resource_type: "host",
        resource_id: "h-1",
        resource_name: "h-1-名前",
        deliveries: 1,
        failures: 0,
      },
    ]);
    const byFailures = await top("&by=failures");
    expect(byFailures.map((r) => [r.resource_id, r.failures])).toEqual([
      ["d-1", 2],
      ["s-1", 1],
    ]);
    expect(await top("&limit=1")).toHaveLength(1);
  });

  it("lists the latest failures newest first: failed results, invalid signatures, unparsed bodies", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl, { secret_key: "k" });
    const ok = await sendDelivery(
      endpoint.receiver_url,
      renderDelivery(
        {
          kind: "event",
          event: { resource_type: "server", action: "update", resource_details: { id: "s" } },
        },
        { secretKey: "k" },
      ),
    );
    const failed = await sendDelivery(
      endpoint.receiver_url,
      renderDelivery(
        {
          kind: "event",
          event: {
            resource_type: "server",
            action: "start",
            result: "failed",
            resource_details: { id: "s" },
          },
        },
        { secretKey: "k" },
      ),
    );
    const forged = await sendDelivery(
      endpoint.receiver_url,
      renderDelivery({ kind: "text", text: "hello" }, { secretKey: "wrong" }),
    );
    expect([ok.status, failed.status, forged.status]).toEqual([200, 200, 401]);

    const answer = await api<{ data: Summary[] }>(
      baseUrl,
      `/api/stats/latest-failures?endpoint=${endpoint.id}&since=${recent()}`,
    );
    expect(answer.body.data.map((item) => item.id)).toEqual([forged.body.id, failed.body.id]);
    expect(answer.body.data[0]).toMatchObject({ signature: "invalid", kind: "text" });
    expect(answer.body.data[1]).toMatchObject({ result: "failed" });
  });

  it("takes a deleted endpoint's deliveries out of the stats", async () => {
    const baseUrl = inject("baseUrl");
    const since = recent();
    const endpoint = await createEndpoint(baseUrl);
    for (let i = 0; i < 3; i++)
      await sendDelivery(endpoint.receiver_url, event("vpc", `v-${endpoint.id}-${i}`, "create"));
    const byEndpoint = async () =>
      (
        await api<{ totals: Record<string, number> }>(
          baseUrl,
          `/api/stats?since=${since}&group_by=endpoint`,
        )
      ).body.totals;
    expect((await byEndpoint())[endpoint.id]).toBe(3);

    expect(
      (await api(baseUrl, `/api/endpoints/${endpoint.id}`, { method: "DELETE" })).status,
    ).toBeLessThan(300);
    expect((await byEndpoint())[endpoint.id]).toBeUndefined();
    const top = await api<{ data: TopResource[] }>(
      baseUrl,
      `/api/stats/top-resources?since=${since}&limit=100`,
    );
    expect(
      top.body.data.filter(
        (r) => r.resource_type === "vpc" && r.resource_id.startsWith(`v-${endpoint.id}`),
      ),
    ).toEqual([]);
  });
});
