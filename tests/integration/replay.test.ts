import { describe, expect, it } from "vitest";
import { api, createEndpoint } from "../support/api";
import {
  baseUrl,
  postRaw,
  replay,
  replaySinkPerFile,
  replayEvent as event,
  storeDelivery,
  withoutRecomputed,
  type Attempt,
  type DeliveryDetail,
} from "../support/replays";

const sink = replaySinkPerFile({ secretKey: "target-robot-secret" });

describe("exact replay", () => {
  it("arrives at the sink byte-identical, with the platform's headers as received", async () => {
    const { rendered, id } = await storeDelivery(
      { secretKey: "s3cret", header: { "X-Team": "ops" }, body: { env: "prod" } },
      { secret_key: "s3cret" },
    );
    const stored = (await api<DeliveryDetail>(baseUrl(), `/api/events/${id}`)).body;
    expect(stored.signature).toBe("valid");
    const before = sink.requests.length;

    const answer = await replay(id, { url: sink.url("/ok?from=hooklens"), mode: "exact" });
    expect(answer.status).toBe(201);
    const [arrived] = (await sink.waitFor(before + 1)).slice(before);
    expect(arrived?.path).toBe("/ok?from=hooklens");
    expect(arrived?.body.equals(Buffer.from(rendered.body, "utf8"))).toBe(true);
    // Every header the platform sent, in its case and order; Host and Content-Length recomputed.
    expect(withoutRecomputed(arrived?.headers ?? [])).toEqual(withoutRecomputed(stored.headers));
    for (const header of rendered.headers) expect(arrived?.headers).toContainEqual(header);
    expect(arrived?.headers).toContainEqual(["Host", new URL(sink.url("/")).host]);
    expect(arrived?.headers).toContainEqual([
      "Content-Length",
      String(Buffer.byteLength(rendered.body)),
    ]);

    expect(answer.body).toMatchObject({
      event_id: id,
      url: sink.url("/ok?from=hooklens"),
      mode: "exact",
      status: 200,
      error: null,
      ok: true,
      request_body: rendered.body,
      response_body: JSON.stringify({ received: Buffer.byteLength(rendered.body), sink: "ok" }),
    });
    expect(answer.body.request_headers).toEqual(arrived?.headers);
    expect(answer.body.response_headers).toContainEqual(["X-Sink", "replay-sink"]);
    expect(answer.body.duration_ms).toBeGreaterThanOrEqual(0);

    const history = await api<{ data: Attempt[] }>(baseUrl(), `/api/events/${id}/replays`);
    expect(history.body.data.map((item) => item.id)).toEqual([answer.body.id]);
    const one = await api<Attempt>(baseUrl(), `/api/replays/${answer.body.id}`);
    expect(one.body).toEqual(answer.body);
  });

  it("runs a recorded attempt again with the same request", async () => {
    const { id } = await storeDelivery();
    const first = await replay(id, { url: sink.url("/ok"), mode: "exact" });
    const before = sink.requests.length;
    const again = await api<Attempt>(baseUrl(), `/api/replays/${first.body.id}/retry`, {
      json: {},
    });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first.body.id);
    const [arrived] = (await sink.waitFor(before + 1)).slice(before);
    expect(arrived?.headers).toEqual(first.body.request_headers);
    expect(arrived?.body.toString()).toBe(first.body.request_body);
    const history = await api<{ data: Attempt[] }>(baseUrl(), `/api/events/${id}/replays`);
    expect(history.body.data.map((item) => item.id)).toEqual([again.body.id, first.body.id]);
  });
});

describe("endpoint replay", () => {
  it("is re-rendered with the other robot's settings and signed so that the sink verifies it", async () => {
    const { id } = await storeDelivery(
      { secretKey: "first-secret" },
      { secret_key: "first-secret" },
    );
    const target = await createEndpoint(baseUrl(), {
      secret_key: "target-robot-secret",
      msg_key: "content",
      header: { "X-Robot": "target" },
      body: { env: "staging" },
    });
    const answer = await replay(id, {
      url: sink.url("/verify"),
      mode: "endpoint",
      endpoint_id: target.id,
    });
    expect(answer.body).toMatchObject({
      status: 200,
      mode: "endpoint",
      response_body: '{"signature":"valid"}',
    });
    const arrived = sink.requests.find(
      (request) =>
        request.path === "/verify" && request.body.toString() === answer.body.request_body,
    );
    expect(arrived?.headers).toContainEqual(["X-Robot", "target"]);
    expect(arrived?.headers).toContainEqual(["X-Yunion-Event", "SERVER/CREATE"]);
    const body = JSON.parse(answer.body.request_body) as Record<string, unknown>;
    expect(body).toMatchObject({
      env: "staging",
      action: "create",
      resource_type: "server",
      resource_details: event.resource_details,
    });
    expect(JSON.parse(String(body.content))).toMatchObject({ action: "create" });
    expect(JSON.stringify(answer.body)).not.toContain("target-robot-secret");

    // The original robot's secret does not sign it: the sink refuses that one.
    const unsigned = await replay(id, { url: sink.url("/verify"), mode: "exact" });
    expect(unsigned.body).toMatchObject({
      status: 401,
      ok: false,
      response_body: '{"signature":"invalid"}',
    });
  });

  it("lands in Hooklens's own receiver as a valid delivery of the target endpoint", async () => {
    const { id } = await storeDelivery();
    const target = await createEndpoint(baseUrl(), { secret_key: "own-receiver-secret" });
    const answer = await replay(id, {
      url: target.receiver_url,
      mode: "endpoint",
      endpoint_id: target.id,
    });
    expect(answer.body.status).toBe(200);
    const landed = JSON.parse(answer.body.response_body ?? "{}") as { id: number };
    const stored = await api<DeliveryDetail>(baseUrl(), `/api/events/${landed.id}`);
    expect(stored.body.signature).toBe("valid");
  });

  it("refuses an unknown endpoint and an unparsed delivery", async () => {
    const { id } = await storeDelivery();
    const missing = await replay(id, {
      url: sink.url("/ok"),
      mode: "endpoint",
      endpoint_id: "nope",
    });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ error: { code: "invalid_input", field: "endpoint_id" } });
    const noEndpoint = await replay(id, { url: sink.url("/ok"), mode: "endpoint" });
    expect(noEndpoint.body).toMatchObject({ error: { field: "endpoint_id" } });

    const endpoint = await createEndpoint(baseUrl());
    const junk = await postRaw(
      endpoint.receiver_url,
      [["Content-Type", "application/json"]],
      "not json at all",
    );
    expect(junk.status).toBe(400);
    const unparsed = await replay(junk.body.id, {
      url: sink.url("/ok"),
      mode: "endpoint",
      endpoint_id: endpoint.id,
    });
    expect(unparsed.status).toBe(422);
    expect(unparsed.body).toMatchObject({
      error: { field: "mode", message: expect.stringContaining("unparsed") },
    });
    // Exact mode sends it as it came.
    const exact = await replay(junk.body.id, { url: sink.url("/ok") });
    expect(exact.body).toMatchObject({ status: 200, request_body: "not json at all" });
  });
});
