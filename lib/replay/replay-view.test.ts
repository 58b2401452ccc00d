import { describe, expect, it } from "vitest";
import { replayView, summaryOf, type ReplayRow } from "./replay-view";
import { replaySettings } from "./replay-settings";

const row = (fields: Partial<ReplayRow> = {}): ReplayRow => ({
  id: 7,
  deliveryId: 3,
  bulkId: null,
  url: "http://127.0.0.1:9/ok",
  mode: "exact",
  endpointId: null,
  requestHeaders: '[["Host","127.0.0.1:9"],["X-A","1"]]',
  requestBody: new TextEncoder().encode('{"Msg":"名前"}'),
  status: 200,
  durationMs: 12,
  error: null,
  responseHeaders: '[["Content-Type","text/plain"]]',
  responseBody: new TextEncoder().encode("ok"),
  responseTruncated: false,
  createdAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
  ...fields,
});

describe("replayView", () => {
  it("shows the attempt in the API's snake_case, bodies as text", () => {
    expect(replayView(row())).toEqual({
      id: 7,
      event_id: 3,
      bulk_id: null,
      url: "http://127.0.0.1:9/ok",
      mode: "exact",
      endpoint_id: null,
      status: 200,
      duration_ms: 12,
      error: null,
      error_code: null,
      ok: true,
      created_at: "2026-01-02T03:04:05.000Z",
      request_headers: [
        ["Host", "127.0.0.1:9"],
        ["X-A", "1"],
      ],
      request_body: '{"Msg":"名前"}',
      request_body_base64: null,
      response_headers: [["Content-Type", "text/plain"]],
      response_body: "ok",
      response_body_base64: null,
      response_truncated: false,
    });
  });

  it("counts only answers below 300 as ok, and an error as not ok", () => {
    expect(replayView(row({ status: 302 })).ok).toBe(false);
    expect(replayView(row({ status: 500 })).ok).toBe(false);
    const timeout = replayView(
      row({
        status: null,
        error: "timeout: no complete response within 500 ms",
        responseHeaders: null,
        responseBody: null,
      }),
    );
    expect(timeout).toMatchObject({
      ok: false,
      error_code: "timeout",
      response_headers: null,
      response_body: null,
    });
    expect(replayView(row({ status: 200, error: "reset: the response ended early" })).ok).toBe(
      false,
    );
  });

  it("gives base64 beside bytes that are not UTF-8, but not for a character cut at the cap", () => {
    const binary = replayView(row({ responseBody: new Uint8Array([0xff, 0x00, 0x41]) }));
    expect(binary.response_body_base64).toBe("/wBB");
    const text = new TextEncoder().encode("ab名");
    const cut = replayView(
      row({ responseBody: text.subarray(0, text.length - 1), responseTruncated: true }),
    );
    expect(cut).toMatchObject({
      response_body: "ab",
      response_body_base64: null,
      response_truncated: true,
    });
  });

  it("summarises without the request and response", () => {
    const summary = summaryOf(replayView(row()));
    expect(Object.keys(summary).sort()).toEqual(
      [
        "bulk_id",
        "created_at",
        "duration_ms",
        "endpoint_id",
        "error",
        "error_code",
        "event_id",
        "id",
        "mode",
        "ok",
        "status",
        "url",
      ].sort(),
    );
  });
});

describe("replaySettings", () => {
  it("defaults to private targets allowed, 10 s and 4 at a time", () => {
    expect(replaySettings({})).toEqual({ allowPrivate: true, timeoutMs: 10_000, concurrency: 4 });
  });
  it("reads the environment and names a bad value", () => {
    expect(
      replaySettings({
        HOOKLENS_REPLAY_ALLOW_PRIVATE: "0",
        HOOKLENS_REPLAY_TIMEOUT_MS: "2500",
        HOOKLENS_REPLAY_CONCURRENCY: "8",
      }),
    ).toEqual({
      allowPrivate: false,
      timeoutMs: 2500,
      concurrency: 8,
    });
    expect(() => replaySettings({ HOOKLENS_REPLAY_ALLOW_PRIVATE: "maybe" })).toThrow(
      "HOOKLENS_REPLAY_ALLOW_PRIVATE",
    );
    expect(() => replaySettings({ HOOKLENS_REPLAY_TIMEOUT_MS: "10" })).toThrow(
      "HOOKLENS_REPLAY_TIMEOUT_MS",
    );
  });
});
