import { describe, expect, inject, it } from "vitest";
import { renderDelivery, type RenderedDelivery } from "../../lib/cloudpods/render-delivery";
import { resourceEvent } from "../support/deliveries";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { openStream } from "../support/sse";

type Page = { data: Array<{ id: number }> };

const SECRET = "feed-secret";
const event = (resourceType: string, action: string, name: string, result = "succeed") =>
  resourceEvent({
    resourceType,
    action,
    result,
    id: `${resourceType}-${name}`,
    details: { name },
    secretKey: SECRET,
  });

/** Each filter the feed offers, as the list API and the stream both take it. */
const FILTERS = [
  "kind=text",
  "resource_type=server",
  "resource_type=server,host&action=create,update",
  "result=failed",
  "signature=invalid",
  "signature=valid&duplicate=false",
  "duplicate=true",
  "q=WEB",
  "resource_id=disk-data",
];

describe("the live stream takes the feed's filters", () => {
  it("pushes for each filter exactly what the list API then returns for it", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl, { secret_key: SECRET });
    const streams = FILTERS.map((filter) => ({
      filter,
      stream: openStream(`${baseUrl}/api/events/stream?endpoint=${endpoint.id}&${filter}`),
    }));
    await Promise.all(streams.map(({ stream }) => stream.ready));

    const tampered = event("server", "update", "web-02");
    const deliveries: RenderedDelivery[] = [
      event("server", "create", "web-01"),
      event("host", "update", "h1"),
      event("server", "start", "web-03", "failed"),
      event("disk", "create", "data"),
      { headers: tampered.headers, body: tampered.body.replace("web-02", "web-99") },
      renderDelivery({ kind: "text", text: "cpu alert on web-01" }, { secretKey: SECRET }),
      event("server", "create", "web-01"), // same bytes again: a duplicate
    ];
    for (const delivery of deliveries) await sendDelivery(endpoint.receiver_url, delivery);

    for (const { filter, stream } of streams) {
      const expected = (
        await api<Page>(baseUrl, `/api/events?endpoint=${endpoint.id}&${filter}`)
      ).body.data
        .map((item) => item.id)
        .reverse();
      expect(expected.length, filter).toBeGreaterThan(0);
      const messages = await stream.waitFor(expected.length);
      expect(
        messages.map((message) => Number(message.id)),
        filter,
      ).toEqual(expected);
      expect(
        messages.every((message) => message.event === "delivery"),
        filter,
      ).toBe(true);
    }
    // Nothing beyond that: a marker that matches none of the filters goes through the
    // same bus after them; once it is seen, any wrongly pushed delivery would be too.
    const marker = (await sendDelivery(endpoint.receiver_url, event("vpc", "delete", "zzz"))).body
      .id as number;
    const all = openStream(
      `${baseUrl}/api/events/stream?endpoint=${endpoint.id}&last_event_id=${marker - 1}`,
    );
    await all.waitFor(1);
    all.close();
    for (const { filter, stream } of streams) {
      const expected = (await api<Page>(baseUrl, `/api/events?endpoint=${endpoint.id}&${filter}`))
        .body.data.length;
      expect(stream.messages.length, filter).toBe(expected);
      stream.close();
    }
  });

  it("catches up from ?last_event_id= (the feed's first page) across more than one catch-up page", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const first = (await sendDelivery(endpoint.receiver_url, event("server", "create", "a"))).body
      .id as number;
    // What the feed's page query would not have seen: committed before the stream opened.
    const missed: number[] = [];
    for (let from = 0; from < 620; from += 31) {
      const batch = Array.from({ length: Math.min(31, 620 - from) }, (_, k) =>
        sendDelivery(endpoint.receiver_url, event("disk", "update", `d${from + k}`)),
      );
      for (const answer of await Promise.all(batch)) missed.push(answer.body.id as number);
    }
    const stream = openStream(
      `${baseUrl}/api/events/stream?endpoint=${endpoint.id}&last_event_id=${first}`,
    );
    await stream.ready;
    const live = (await sendDelivery(endpoint.receiver_url, event("server", "delete", "a"))).body
      .id as number;
    const messages = await stream.waitFor(missed.length + 1, 20_000);
    stream.close();
    expect(messages.map((message) => Number(message.id))).toEqual([
      ...missed.sort((a, b) => a - b),
      live,
    ]);
  });

  it("prefers the Last-Event-ID header of a reconnect over the URL's starting point", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const ids: number[] = [];
    for (const name of ["a", "b", "c"])
      ids.push(
        (await sendDelivery(endpoint.receiver_url, event("eip", "update", name))).body.id as number,
      );
    const stream = openStream(
      `${baseUrl}/api/events/stream?endpoint=${endpoint.id}&last_event_id=${ids[0]}`,
      { "last-event-id": String(ids[1]) },
    );
    const messages = await stream.waitFor(1);
    stream.close();
    expect(messages.map((message) => Number(message.id))).toEqual([ids[2]]);
  });

  it("refuses a bad filter or starting point in the API's error shape", async () => {
    const baseUrl = inject("baseUrl");
    const bad = await api(baseUrl, "/api/events/stream?duplicate=maybe");
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: "bad_request", field: "duplicate" } });
    const badId = await api(baseUrl, "/api/events/stream?last_event_id=-3");
    expect(badId.status).toBe(400);
  });
});
