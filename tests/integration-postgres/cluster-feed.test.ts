import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { eventually } from "../support/deliveries";
import { deliveryDetail, serverEvent } from "../support/receiver";
import { openStream } from "../support/sse";

/**
 * The receiver and the feed across two instances on one PostgreSQL database (issue 14):
 * what one receives the other lists, shows and streams within a second, and the
 * platform's re-send is a duplicate whichever instance it reaches.
 */
const first = () => inject("baseUrl");
const second = () => inject("routeBaseUrl");
const receiver = (baseUrl: string, token: string) => `${baseUrl}/api/hooks/${token}`;

type Page = { data: Array<{ id: number; duplicate_of: number | null }> };

describe("the receiver and the feed on two instances", () => {
  it("list and show through one what the other received, and take its re-send as a duplicate", async () => {
    const endpoint = await createEndpoint(first());
    const delivery = renderDelivery({ kind: "event", event: serverEvent({ action: "start" }) });
    const sent = await sendDelivery(receiver(first(), endpoint.token), delivery);
    expect(sent.status).toBe(200);
    const resent = await sendDelivery(receiver(second(), endpoint.token), delivery);
    expect(resent.status).toBe(200);
    const again = await sendDelivery(receiver(first(), endpoint.token), delivery);

    const detail = await deliveryDetail(second(), sent.body.id);
    expect(detail).toMatchObject({ id: sent.body.id, action: "start", duplicate_of: null });
    expect(detail.body).toBe(delivery.body);
    const list = await api<Page>(second(), `/api/events?endpoint=${endpoint.id}`);
    expect(list.body.data.map((row) => [row.id, row.duplicate_of])).toEqual([
      [again.body.id, sent.body.id],
      [resent.body.id, sent.body.id],
      [sent.body.id, null],
    ]);
  });

  it("stream on one instance what the other receives, within a second, in id order", async () => {
    const endpoint = await createEndpoint(first());
    const stream = openStream(`${first()}/api/events/stream?endpoint=${endpoint.id}`);
    await stream.ready;
    try {
      const ids: unknown[] = [];
      const started = Date.now();
      for (const [i, baseUrl] of [second(), first(), second()].entries()) {
        const delivery = renderDelivery({
          kind: "event",
          event: serverEvent({ action: `step-${i}` }),
        });
        ids.push((await sendDelivery(receiver(baseUrl, endpoint.token), delivery)).body.id);
      }
      const messages = await stream.waitFor(3, 1000 + (Date.now() - started));
      expect(messages.map((message) => Number(message.id))).toEqual(ids);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      stream.close();
    }
  });

  it("keep streaming after the listening connections are cut: each reconnects and catches up by id", async () => {
    const endpoint = await createEndpoint(first());
    const stream = openStream(`${first()}/api/events/stream?endpoint=${endpoint.id}`);
    await stream.ready;
    const admin = new pg.Client({ connectionString: inject("postgresUrl") });
    await admin.connect();
    try {
      const cut = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %'",
      );
      expect(cut.rowCount).toBeGreaterThanOrEqual(2);
      // Received while no instance listens: announced to nobody, read after the reconnect.
      const ids: unknown[] = [];
      for (const baseUrl of [second(), first()]) {
        const delivery = renderDelivery({ kind: "event", event: serverEvent() });
        ids.push((await sendDelivery(receiver(baseUrl, endpoint.token), delivery)).body.id);
      }
      const messages = await stream.waitFor(2, 5000);
      expect(messages.map((message) => Number(message.id))).toEqual(ids);
    } finally {
      stream.close();
      await admin.end();
    }
  });

  it("catch a stream up from Last-Event-ID on the other instance", async () => {
    const endpoint = await createEndpoint(first());
    const ids: unknown[] = [];
    for (const i of [1, 2, 3]) {
      const delivery = renderDelivery({ kind: "event", event: serverEvent({ action: `a${i}` }) });
      ids.push((await sendDelivery(receiver(first(), endpoint.token), delivery)).body.id);
    }
    const stream = openStream(`${second()}/api/events/stream?endpoint=${endpoint.id}`, {
      "last-event-id": String(ids[0]),
    });
    try {
      const messages = await stream.waitFor(2);
      expect(messages.map((message) => Number(message.id))).toEqual(ids.slice(1));
    } finally {
      stream.close();
    }
  });

  it("stop taking a rotated token on the other instance, which heard of the change", async () => {
    const endpoint = await createEndpoint(first());
    const delivery = renderDelivery({ kind: "event", event: serverEvent() });
    // The second instance keeps the endpoint in memory once it has served it.
    expect((await sendDelivery(receiver(second(), endpoint.token), delivery)).status).toBe(200);
    const rotated = await api<{ token: string }>(
      first(),
      `/api/endpoints/${endpoint.id}/rotate-token`,
      { method: "POST" },
    );
    expect(rotated.status).toBe(200);
    await eventually(
      async () =>
        expect((await sendDelivery(receiver(second(), endpoint.token), delivery)).status).toBe(404),
      1000,
      50,
    );
    expect((await sendDelivery(receiver(second(), rotated.body.token), delivery)).status).toBe(200);
  });

  it("find by payload search through one what the other received, from the index within seconds", async () => {
    const endpoint = await createEndpoint(first());
    const marker = `pgsearch-${Date.now()}`;
    const delivery = renderDelivery({
      kind: "event",
      event: {
        resource_type: "server",
        action: "update",
        result: "succeed",
        resource_details: { id: marker, status: "running", metadata: { owner: marker } },
      },
    });
    const sent = await sendDelivery(receiver(first(), endpoint.token), delivery);
    expect(sent.status).toBe(200);
    const found = async (q: string) => {
      const page = await api<Page>(
        second(),
        `/api/events?endpoint=${endpoint.id}&q=${encodeURIComponent(q)}`,
      );
      expect(page.status, q).toBe(200);
      return page.body.data.map((row) => row.id);
    };
    for (const q of [`metadata.owner:${marker}`, marker, "status:running"]) {
      expect(await found(q), q).toEqual([sent.body.id]);
    }
    expect(await found(`-owner:${marker}`)).toEqual([]);
    const started = Date.now();
    await eventually(async () => {
      const status = await api<{ indexed_through: number }>(second(), "/api/search");
      expect(status.body.indexed_through).toBeGreaterThanOrEqual(sent.body.id as number);
    }, 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await found(`metadata.owner:${marker}`)).toEqual([sent.body.id]);
    expect(await found(`metadata.owner:${marker}x`)).toEqual([]);
    const q = encodeURIComponent(`owner:${marker}`);
    const facets = await api<{ total: number }>(
      second(),
      `/api/events/facets?endpoint=${endpoint.id}&q=${q}`,
    );
    expect(facets.body.total).toBe(1);
    const fields = await api<{ data: Array<{ name: string }> }>(
      second(),
      "/api/search/fields?prefix=metadata.o",
    );
    expect(fields.body.data.map((field) => field.name)).toContain("metadata.owner");
  });
});
