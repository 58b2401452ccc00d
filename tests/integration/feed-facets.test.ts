import { describe, expect, inject, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { api, createEndpoint, sendDelivery } from "../support/api";

type Facets = Record<
  "resource_type" | "action" | "result" | "kind",
  Array<{ value: string; count: number }>
> & { total: number; approximate: boolean; through_id: number };
type Page = { data: Array<{ id: number }> };

const event = (resource_type: string, action: string, result = "succeed") =>
  renderDelivery({
    kind: "event",
    event: {
      resource_type,
      action,
      result,
      resource_details: { id: `${resource_type}-1`, name: "n" },
    },
  });

describe("GET /api/events/facets", () => {
  it("counts each dimension for the filter, leaving out the facet's own choice", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const mix = [
      event("server", "create"),
      event("server", "create"),
      event("server", "create", "failed"),
      event("server", "delete"),
      event("host", "update"),
      event("host", "update"),
      renderDelivery({ kind: "text", text: "cpu alert on host-1" }),
    ];
    let newest = 0;
    for (const delivery of mix) {
      const sent = await sendDelivery(endpoint.receiver_url, delivery);
      expect(sent.status).toBe(200);
      newest = Number(sent.body.id);
    }
    const facets = async (query: string) =>
      (await api<Facets>(baseUrl, `/api/events/facets?endpoint=${endpoint.id}${query}`)).body;

    const all = await facets("");
    expect(all).toEqual({
      resource_type: [
        { value: "server", count: 4 },
        { value: "host", count: 2 },
      ],
      action: [
        { value: "create", count: 3 },
        { value: "update", count: 2 },
        { value: "delete", count: 1 },
      ],
      result: [
        { value: "succeed", count: 5 },
        { value: "failed", count: 1 },
      ],
      kind: [
        { value: "event", count: 6 },
        { value: "text", count: 1 },
      ],
      total: 7,
      // No search: counted exactly.
      approximate: false,
      through_id: expect.any(Number) as number,
    });
    // The counts include every delivery up to through_id (a live view adds what follows).
    expect(all.through_id).toBeGreaterThanOrEqual(newest);

    const servers = await facets("&resource_type=server");
    // The picker still offers "host"; the other facets narrow to servers.
    expect(servers.resource_type).toEqual(all.resource_type);
    expect(servers.action).toEqual([
      { value: "create", count: 3 },
      { value: "delete", count: 1 },
    ]);
    expect(servers.kind).toEqual([{ value: "event", count: 4 }]);
    expect(servers.total).toBe(4);

    const created = await facets("&resource_type=server&action=create");
    expect(created.result).toEqual([
      { value: "succeed", count: 2 },
      { value: "failed", count: 1 },
    ]);
    expect(created.action).toEqual([
      { value: "create", count: 3 },
      { value: "delete", count: 1 },
    ]);
    expect(created.total).toBe(3);

    // The total is what the list shows for the same filter.
    const list = await api<Page>(
      baseUrl,
      `/api/events?endpoint=${endpoint.id}&resource_type=server&action=create`,
    );
    expect(list.body.data).toHaveLength(created.total);

    // Non-facet filters narrow every facet.
    const text = await facets("&q=cpu%20alert");
    expect(text).toMatchObject({
      resource_type: [],
      kind: [{ value: "text", count: 1 }],
      total: 1,
    });
  });

  it("refuses a bad filter in the API's error shape", async () => {
    const baseUrl = inject("baseUrl");
    const bad = await api(baseUrl, "/api/events/facets?since=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: "bad_request", field: "since" } });
  });
});
