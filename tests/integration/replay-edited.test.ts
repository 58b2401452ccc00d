import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { startReplaySink } from "../support/replay-sink";
import {
  baseUrl,
  replay,
  replaySinkPerFile,
  storeDelivery,
  withoutRecomputed,
  type Attempt,
} from "../support/replays";

const sink = replaySinkPerFile({ secretKey: "target-robot-secret" });

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
