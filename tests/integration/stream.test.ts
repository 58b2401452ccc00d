import { describe, expect, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { createEndpoint, sendDelivery } from "../support/api";
import { openStream } from "../support/sse";
import { TRANSPORTS } from "../support/transports";

const event = (type: string, action: string, id: string) =>
  renderDelivery({
    kind: "event",
    event: { resource_type: type, action, resource_details: { id, name: id } },
  });

describe.each(TRANSPORTS)("event stream with deliveries via %s", (_name, base) => {
  it("pushes only the deliveries that match its filter", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl);
    const stream = openStream(
      `${baseUrl}/api/events/stream?endpoint=${endpoint.id}&resource_type=server&action=create,delete`,
    );
    await stream.ready;
    const sent = [];
    for (const [type, action] of [
      ["server", "create"],
      ["disk", "create"],
      ["server", "update"],
      ["server", "delete"],
    ]) {
      sent.push(
        (await sendDelivery(endpoint.receiver_url, event(type!, action!, `${type}-x`))).body.id,
      );
    }
    const messages = await stream.waitFor(2);
    stream.close();
    expect(messages.map((m) => m.event)).toEqual(["delivery", "delivery"]);
    expect(messages.map((m) => Number(m.id))).toEqual([sent[0], sent[3]]);
    expect(JSON.parse(messages[1]!.data)).toMatchObject({
      id: sent[3],
      resource_type: "server",
      action: "delete",
      endpoint_id: endpoint.id,
    });
  });

  it("catches up after a reconnect from Last-Event-ID, missing nothing and repeating nothing", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl);
    const url = `${baseUrl}/api/events/stream?endpoint=${endpoint.id}`;
    const first = openStream(url);
    await first.ready;
    const a = (await sendDelivery(endpoint.receiver_url, event("server", "create", "a"))).body.id;
    const [seen] = await first.waitFor(1);
    first.close();
    expect(Number(seen!.id)).toBe(a);

    // Delivered while no one was listening.
    const missed = [];
    for (const name of ["b", "c", "d"])
      missed.push(
        (await sendDelivery(endpoint.receiver_url, event("server", "update", name))).body.id,
      );

    const again = openStream(url, { "last-event-id": String(seen!.id) });
    await again.ready;
    const e = (await sendDelivery(endpoint.receiver_url, event("server", "delete", "e"))).body.id;
    const messages = await again.waitFor(4);
    again.close();
    expect(messages.map((m) => Number(m.id))).toEqual([...missed, e]);
  });
});
