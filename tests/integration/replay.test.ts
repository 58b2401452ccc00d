import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { renderDelivery, type EventMessage } from "../../lib/cloudpods/render-delivery";
import { api, createEndpoint } from "../support/api";
import { startReplaySink, type ReplaySink } from "../support/replay-sink";

type Attempt = {
  id: number;
  event_id: number;
  url: string;
  mode: string;
  status: number | null;
  duration_ms: number;
  error: string | null;
  error_code: string | null;
  ok: boolean;
  request_headers: Array<[string, string]>;
  request_body: string;
  response_headers: Array<[string, string]> | null;
  response_body: string | null;
  created_at: string;
};
type EventDetail = {
  id: number;
  headers: Array<[string, string]>;
  body: string;
  signature: string;
};

const event: EventMessage = {
  action: "create",
  resource_type: "server",
  resource_details: { id: "s-replay-1", name: "名前 <web> & co", vcpu_count: 2, status: "running" },
};

/** Posts raw bytes with headers in the given case and order, as the platform's Go client would. */
function postRaw(
  url: string,
  headers: Array<[string, string]>,
  body: string,
): Promise<{ status: number; body: { id: number } }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const bytes = Buffer.from(body, "utf8");
    // Go's client writes Host first; a raw header list must carry it itself.
    const raw = [
      ["Host", target.host],
      ...headers,
      ["Content-Length", String(bytes.length)],
    ].flat();
    const req = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        headers: raw,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: (text ? JSON.parse(text) : {}) as { id: number },
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(bytes);
  });
}

const withoutRecomputed = (headers: Array<[string, string]>) =>
  headers.filter(
    ([name]) => !["host", "content-length", "connection"].includes(name.toLowerCase()),
  );

let sink: ReplaySink;
const baseUrl = () => inject("baseUrl");

async function storeDelivery(
  robot: Parameters<typeof renderDelivery>[1] = {},
  endpointFields: Record<string, unknown> = {},
) {
  const endpoint = await createEndpoint(baseUrl(), endpointFields);
  const rendered = renderDelivery({ kind: "event", event }, robot);
  const sent = await postRaw(endpoint.receiver_url, rendered.headers, rendered.body);
  expect(sent.status).toBe(200);
  return { endpoint, rendered, id: sent.body.id };
}

const replay = (id: number, json: Record<string, unknown>) =>
  api<Attempt>(baseUrl(), `/api/events/${id}/replay`, { json });

beforeAll(async () => {
  sink = await startReplaySink({ secretKey: "target-robot-secret" });
});
afterAll(async () => {
  await sink.close();
});

describe("exact replay", () => {
  it("arrives at the sink byte-identical, with the platform's headers as received", async () => {
    const { rendered, id } = await storeDelivery(
      { secretKey: "s3cret", header: { "X-Team": "ops" }, body: { env: "prod" } },
      { secret_key: "s3cret" },
    );
    const stored = (await api<EventDetail>(baseUrl(), `/api/events/${id}`)).body;
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
    const stored = await api<EventDetail>(baseUrl(), `/api/events/${landed.id}`);
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

describe("edited replay", () => {
  it("sends the edited headers and body", async () => {
    const { id } = await storeDelivery();
    const answer = await replay(id, {
      url: sink.url("/ok"),
      mode: "edited",
      headers: [
        ["X-Yunion-Event", "SERVER/DELETE"],
        ["X-Extra", "1"],
      ],
      body: '{"edited":true}',
    });
    expect(answer.body).toMatchObject({
      status: 200,
      mode: "edited",
      request_body: '{"edited":true}',
    });
    const arrived = sink.requests.at(-1);
    expect(arrived?.body.toString()).toBe('{"edited":true}');
    expect(withoutRecomputed(arrived?.headers ?? [])).toEqual([
      ["X-Yunion-Event", "SERVER/DELETE"],
      ["X-Extra", "1"],
    ]);
    const bad = await replay(id, {
      url: sink.url("/ok"),
      mode: "edited",
      headers: [["X-Bad", "a\r\nHost: evil"]],
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: { field: "headers.0" } });
  });

  it("refuses header values HTTP cannot carry with 422, sending nothing", async () => {
    const { id } = await storeDelivery();
    const before = sink.requests.length;
    for (const value of ["a\u0001b", "a\u007fb", "名前", "\u0100", "ok", "a\u001b[201~"]) {
      const answer = await replay(id, {
        url: sink.url("/ok"),
        mode: "edited",
        headers: [
          ["X-Fine", "caf\u00e9"],
          ["X-Edited", value],
        ],
      });
      if (value === "ok") {
        expect(answer.status, value).toBe(201);
        continue;
      }
      expect(answer.status, JSON.stringify(value)).toBe(422);
      expect(answer.body).toMatchObject({ error: { code: "invalid_input", field: "headers.1" } });
    }
    expect(sink.requests.length).toBe(before + 1);
  });
});

describe("failures are recorded as such", () => {
  it("records a timeout, a refused connection, a 3xx and a 500", async () => {
    const { id } = await storeDelivery();
    const before = sink.requests.length;
    const timeout = await replay(id, { url: sink.url("/slow"), timeout_ms: 300 });
    expect(timeout.body).toMatchObject({
      status: null,
      error_code: "timeout",
      ok: false,
      response_body: null,
    });
    expect(timeout.body.error).toMatch(/^timeout: /);
    expect(timeout.body.duration_ms).toBeGreaterThanOrEqual(290);

    const closed = await startReplaySink();
    const closedUrl = closed.url("/ok");
    await closed.close();
    const refused = await replay(id, { url: closedUrl });
    expect(refused.body).toMatchObject({ status: null, error_code: "refused", ok: false });
    expect(refused.body.error).toMatch(/^refused: /);

    const redirect = await replay(id, { url: sink.url("/redirect") });
    expect(redirect.body).toMatchObject({
      status: 302,
      error: null,
      ok: false,
      response_body: "moved",
    });
    expect(redirect.body.response_headers).toContainEqual(["Location", "/ok"]);

    const failed = await replay(id, { url: sink.url("/fail") });
    expect(failed.body).toMatchObject({
      status: 500,
      error: null,
      ok: false,
      response_body: "sink failure",
    });

    // The redirect was not followed: /slow, /redirect and /fail reached the sink, nothing else.
    expect(sink.requests.slice(before).map((request) => request.path)).toEqual([
      "/slow",
      "/redirect",
      "/fail",
    ]);
    const history = await api<{ data: Attempt[] }>(baseUrl(), `/api/events/${id}/replays`);
    expect(history.body.data.map((item) => [item.status, item.error_code])).toEqual([
      [500, null],
      [302, null],
      [null, "refused"],
      [null, "timeout"],
    ]);
  });
});

describe("the outbound guard", () => {
  it.each([
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/",
    "http://[fe80::1]/",
    "http://2852039166/",
    "http://100.100.100.200/latest/meta-data/",
  ])("refuses %s with 422 and records nothing", async (url) => {
    const { id } = await storeDelivery();
    const answer = await replay(id, { url });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      error: {
        code: "invalid_input",
        field: "url",
        message: expect.stringMatching(/refused: .*(metadata|link-local)/),
      },
    });
    const history = await api<{ data: Attempt[] }>(baseUrl(), `/api/events/${id}/replays`);
    expect(history.body.data).toEqual([]);
  });

  it("refuses URLs that are not http(s) or carry credentials", async () => {
    const { id } = await storeDelivery();
    for (const url of [
      "file:///etc/passwd",
      "gopher://127.0.0.1:6379/_INFO",
      "http://user:pw@127.0.0.1/",
    ]) {
      expect((await replay(id, { url })).status).toBe(422);
    }
    expect((await replay(999_999_999, { url: sink.url("/ok") })).status).toBe(404);
  });
});
