import { describe, expect, it } from "vitest";
import { renderDelivery, renderValidation } from "../../lib/cloudpods/render-delivery";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { loadReleaseFixtures, type ReleaseFixture } from "../support/release-fixtures";
import { TRANSPORTS } from "../support/transports";

type Detail = Record<string, unknown> & {
  body: string;
  headers: Array<[string, string]>;
  endpoint: { id: string; name: string } | null;
  warnings: string[];
  signature_reason: string | null;
  release: string | null;
  warning_details: Array<{ code: string; message: string }>;
  signature_detail: string | null;
  release_notes: string[];
};

const validation = {
  kind: "text",
  text: "This is a verification message, please ignore.",
} as const;

async function detail(baseUrl: string, id: unknown) {
  const { status, body } = await api<Detail>(baseUrl, `/api/events/${String(id)}`);
  expect(status).toBe(200);
  return body;
}

/** Sends a fixture as the platform would: its method, headers in order, exact bytes. */
async function send(url: string, fixture: ReleaseFixture) {
  const response = await fetch(url, {
    method: fixture.method,
    headers: fixture.headers,
    body: fixture.method === "POST" ? fixture.body : undefined,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : null) as Record<string, unknown> | null,
  };
}

describe.each(TRANSPORTS)("release shapes via %s", (_name, base) => {
  it.each(loadReleaseFixtures())("reads $name back through the API", async (fixture) => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl, fixture.endpoint ?? {});
    const answer = await send(endpoint.receiver_url, fixture);
    expect(answer.status).toBe(fixture.expect.answered_status);
    expect(answer.headers.get("content-encoding")).toBeNull();
    expect(answer.headers.get("cache-control")).toContain("no-transform");

    // HEAD has no answer body: the delivery is the endpoint's newest.
    const id =
      answer.body?.id ??
      (await api<{ data: Array<{ id: number }> }>(baseUrl, `/api/events?endpoint=${endpoint.id}`))
        .body.data[0]?.id;
    const kept = await detail(baseUrl, id);
    expect(kept).toMatchObject({ ...fixture.expect, method: fixture.method });
    expect(kept.body).toBe(fixture.method === "POST" ? fixture.body : "");
    expect(kept.endpoint).toEqual({ id: endpoint.id, name: endpoint.name });
    expect(kept.warning_details.map((w) => w.code)).toEqual(
      kept.warnings.map((w) => w.split(":")[0]),
    );
    for (const warning of kept.warning_details) expect(warning.message).not.toBe(warning.code);
    if (kept.signature_reason) expect(kept.signature_detail).toMatch(/X-Auth-Token/);
    if (kept.release) expect(kept.release_notes.length).toBeGreaterThan(0);
    for (const [name, value] of fixture.headers) {
      const stored = kept.headers.find(([key]) => key.toLowerCase() === name.toLowerCase());
      expect(stored?.[1], `header ${name}`).toBe(value);
    }
  });

  it("accepts an unsigned validation at an endpoint with a secret, and still refuses a forged one", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl, { secret_key: "robot-secret" });
    const unsigned = await sendDelivery(endpoint.receiver_url, renderDelivery(validation));
    expect(unsigned.status).toBe(200);
    expect(await detail(baseUrl, unsigned.body.id)).toMatchObject({
      kind: "verification",
      signature: "unsigned",
      signature_reason: "unsigned_validation",
      answered_status: 200,
      answered_error: null,
    });

    const forged = await sendDelivery(
      endpoint.receiver_url,
      renderDelivery(validation, { secretKey: "not-the-secret" }),
    );
    expect(forged.status).toBe(401);
    expect(await detail(baseUrl, forged.body.id)).toMatchObject({
      kind: "verification",
      signature: "invalid",
      signature_reason: "token_mismatch",
      answered_status: 401,
      answered_error: "invalid_signature",
    });
  });

  it("says per endpoint which release its platform runs and which problems its deliveries show", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl, { secret_key: "robot-secret" });
    const event = {
      resource_type: "server",
      action: "start",
      result: "failed",
      resource_details: { id: "s-rel", name: "vm\u0001rel" },
    };
    // A 3.10.3 platform never signs: its events are refused at an endpoint with a secret.
    const old = renderDelivery({ kind: "event", event }, { secretKey: "robot-secret" }, [], {
      release: "3.10.3",
    });
    expect((await sendDelivery(endpoint.receiver_url, old)).status).toBe(401);
    const update = await sendDelivery(
      endpoint.receiver_url,
      renderValidation({}, [], { release: "3.10.3" }),
    );
    expect(update.status).toBe(200);
    const redirected = await fetch(endpoint.receiver_url);
    expect(redirected.status).toBe(200);

    type Stats = {
      release: string | null;
      release_notes: string[];
      problems: Array<{ code: string; message: string; count: number; latest_id: number }>;
    };
    const one = await api<Stats>(baseUrl, `/api/endpoints/${endpoint.id}/stats`);
    expect(one.status).toBe(200);
    expect(one.body.release).toBe("3.10.0-3.10.3");
    expect(one.body.release_notes.join(" ")).toContain("This release never signs");
    const codes = Object.fromEntries(one.body.problems.map((p) => [p.code, p]));
    expect(Object.keys(codes).sort()).toEqual([
      "no_token",
      "raw_control_characters",
      "redirected_request",
      "unsigned_validation",
    ]);
    expect(codes.no_token?.message).toMatch(/^Answered 401/);
    expect(codes.unsigned_validation?.latest_id).toBe(update.body.id);
    expect(codes.redirected_request?.message).toContain("Give the robot the final URL");

    const all = await api<{ data: Array<Stats & { endpoint_id: string }> }>(
      baseUrl,
      "/api/endpoints/stats",
    );
    const listed = all.body.data.find((item) => item.endpoint_id === endpoint.id);
    expect(listed).toMatchObject({ release: one.body.release, problems: one.body.problems });
  });

  // 400 like every query value the API cannot read (bodies with invalid fields are 422).
  it("refuses an unknown filter value naming the allowed values", async () => {
    const baseUrl = base();
    for (const path of [
      "/api/events?kind=validation",
      "/api/events/facets?kind=validation",
      "/api/events/export?signature=forged",
      "/api/events/stream?kind=validation",
    ]) {
      const { status, body } = await api<{ error: { code: string; message: string } }>(
        baseUrl,
        path,
      );
      expect(status, path).toBe(400);
      expect(body.error.code).toBe("bad_request");
      expect(body.error.message).toMatch(
        path.includes("signature")
          ? /^signature: unknown value "forged"; allowed: valid, invalid, unsigned$/
          : /^kind: unknown value "validation"; allowed: event, verification, text, unparsed, redirected$/,
      );
    }
    const redirected = await api<{ data: unknown[] }>(baseUrl, "/api/events?kind=redirected");
    expect(redirected.status).toBe(200);
  });
});
