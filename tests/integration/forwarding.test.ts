import { describe, expect, it } from "vitest";
import type { ForwardJobView } from "../../lib/forwarding/forward-types";
import { api, createEndpoint } from "../support/api";
import { eventually, resourceEvent } from "../support/deliveries";
import { forwardingPerFile, send } from "../support/forwarding-server";
import { createRule, getRule } from "../support/forwards";

const { server, sink, at } = forwardingPerFile();
describe("forwarding rules", () => {
  it("passes on exactly the matching deliveries, byte-exact, with the two Hooklens headers", async () => {
    const endpoint = await createEndpoint(server.baseUrl);
    const rule = await createRule(server.baseUrl, {
      url: sink.url("/exact"),
      filter: { endpoint: endpoint.id, resource_type: "server" },
      headers: [["X-Team", "cmdb"]],
    });
    const sent = new Map<number, Buffer>();
    for (let i = 0; i < 6; i++) {
      const server_ = resourceEvent({ id: `vm-${i}`, details: { seq: i } });
      sent.set(await send(endpoint.receiver_url, server_), Buffer.from(server_.body));
      await send(endpoint.receiver_url, resourceEvent({ resourceType: "network", id: `net-${i}` }));
    }
    await sink.until(() => at("/exact").length >= 6);
    const forwarded = at("/exact");
    expect(
      forwarded.map((request) => Number(request.header("x-hooklens-delivery"))).sort(),
    ).toEqual([...sent.keys()].sort());
    for (const request of forwarded) {
      const id = Number(request.header("x-hooklens-delivery"));
      expect(request.body.equals(sent.get(id)!)).toBe(true);
      expect(request.header("x-hooklens-forward")).toBe(String(rule.id));
      expect(request.header("x-team")).toBe("cmdb");
      expect(request.header("user-agent")).toBe("yunioncloud-go/201708");
      expect(request.header("x-yunion-event")).toBeDefined();
    }
    const view = await eventually(async () => {
      const body = await getRule(server.baseUrl, rule.id);
      expect(body.counts).toEqual({ pending: 0, delivered: 6, failed: 0, dead: 0 });
      return body;
    });
    expect(view.health).toBe("healthy");
    expect(view.median_latency_ms).toBeGreaterThanOrEqual(0);

    const firstId = [...sent.keys()][0]!;
    const { body: forwards } = await api<{ data: ForwardJobView[] }>(
      server.baseUrl,
      `/api/events/${firstId}/forwards`,
    );
    expect(forwards.data).toEqual([
      expect.objectContaining({
        rule_id: rule.id,
        rule_name: rule.name,
        state: "delivered",
        attempts: 1,
      }),
    ]);
  });

  it("keeps each resource's order under random sink delays while resources go side by side", async () => {
    const endpoint = await createEndpoint(server.baseUrl);
    await createRule(server.baseUrl, {
      url: sink.url("/order"),
      filter: { endpoint: endpoint.id },
      concurrency: 4,
    });
    sink.keyOf((request) => (request.path === "/order" ? resourceOf(request) : request.path));
    sink.respond((request) =>
      request.path === "/order" ? { delayMs: Math.floor(Math.random() * 40) } : {},
    );
    const order = new Map<string, number[]>();
    await Promise.all(
      ["a", "b", "c", "d"].map(async (name) => {
        for (let seq = 0; seq < 8; seq++) {
          const id = await send(
            endpoint.receiver_url,
            resourceEvent({ id: `order-${name}`, details: { seq } }),
          );
          order.set(name, [...(order.get(name) ?? []), id]);
        }
      }),
    );
    await sink.until(() => at("/order").length >= 32, 30_000);
    for (const [name, ids] of order) {
      const arrived = at("/order")
        .filter((request) => resourceOf(request) === `order-${name}`)
        .map((request) => Number(request.header("x-hooklens-delivery")));
      expect(arrived).toEqual(ids);
    }
    expect(sink.peaks().perKey).toBe(1);
    expect(sink.peaks().overall).toBeGreaterThan(1);
    sink.respond(() => ({}));
  });

  it("re-renders and signs in endpoint mode", async () => {
    const source = await createEndpoint(server.baseUrl);
    const target = await createEndpoint(server.baseUrl, {
      secret_key: "forward-secret",
      header: { "X-Robot": "cmdb" },
    });
    await createRule(server.baseUrl, {
      url: sink.url("/signed"),
      mode: "endpoint",
      endpoint_id: target.id,
      filter: { endpoint: source.id },
    });
    await send(source.receiver_url, resourceEvent({ id: "signed-vm" }));
    await sink.until(() => at("/signed").length >= 1);
    const [request] = at("/signed");
    const { verifySignature } = await import("../../lib/cloudpods/verify-signature");
    expect(verifySignature("forward-secret", request!.body, request!.header("x-auth-token"))).toBe(
      true,
    );
    expect(request!.header("x-robot")).toBe("cmdb");
  });

  it("refuses rules the API cannot honour, with the field", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ url: "http://169.254.169.254/latest" }, "url"],
      [{ url: sink.url("/x"), filter: { resouce_type: "server" } }, "resouce_type"],
      [{ url: sink.url("/x"), mode: "message" }, "chat"],
      [{ url: sink.url("/x"), mode: "endpoint" }, "endpoint_id"],
      [{ url: sink.url("/x"), mode: "message", chat: "slack", template: "{{nope}}" }, "template"],
      [{ url: sink.url("/x"), mode: "exact", chat: "slack" }, "chat"],
    ];
    for (const [fields, field] of cases) {
      const { status, body } = await api<{ error: { code: string; field: string } }>(
        server.baseUrl,
        "/api/forwards",
        { json: { name: "bad", mode: "exact", ...fields } },
      );
      expect(status, JSON.stringify(fields)).toBe(422);
      expect(body.error.field).toContain(field);
    }
    expect((await api(server.baseUrl, "/api/forwards/999999")).status).toBe(404);
  });
});

function resourceOf(request: { body: Buffer }): string {
  try {
    const body = JSON.parse(request.body.toString()) as { resource_details?: { id?: string } };
    return body.resource_details?.id ?? "";
  } catch {
    return "";
  }
}
