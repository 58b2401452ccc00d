import { describe, expect, inject, it } from "vitest";
import { api, createEndpoint, putJson } from "../support/api";
import { logIn, rawRequest } from "../support/auth";
import { sendHostile } from "../support/hostile-client";
import { TEST_ADMIN_TOKEN } from "../support/start-server";

/**
 * Two instances on one PostgreSQL database (tests/integration-postgres/global-setup.ts):
 * what one writes the other serves at once, a session made on one is valid on the other,
 * and what is not ported answers 503 not_on_postgresql, never a pretence.
 */
const first = () => inject("baseUrl");
const second = () => inject("routeBaseUrl");

describe("two instances on one PostgreSQL database", () => {
  it("serve one set of endpoints: made on one, edited on the other, deleted from the first", async () => {
    const endpoint = await createEndpoint(first(), { name: "shared" });
    const seen = await api<{ data: Array<{ id: string }> }>(second(), "/api/endpoints");
    expect(seen.body.data.map((row) => row.id)).toContain(endpoint.id);
    const edited = await api(second(), `/api/endpoints/${endpoint.id}`, {
      method: "PATCH",
      json: { name: "renamed" },
    });
    expect(edited.status).toBe(200);
    const read = await api<{ name: string }>(first(), `/api/endpoints/${endpoint.id}`);
    expect(read.body.name).toBe("renamed");
    await api(first(), `/api/endpoints/${endpoint.id}`, { method: "DELETE" });
    expect((await api(second(), `/api/endpoints/${endpoint.id}`)).status).toBe(404);
  });

  it("take a session made on either one", async () => {
    const cookie = await logIn(first());
    const answer = await rawRequest(`${second()}/api/endpoints`, { headers: { cookie } });
    expect(answer.status).toBe(200);
    // Another signature (its first character: the last one's low bits are padding).
    const [payload, signature] = [
      cookie.slice(0, cookie.lastIndexOf(".") + 1),
      cookie.slice(cookie.lastIndexOf(".") + 1),
    ];
    const forged = payload + (signature.startsWith("A") ? "B" : "A") + signature.slice(1);
    const refused = await rawRequest(`${second()}/api/endpoints`, { headers: { cookie: forged } });
    expect(refused.status).toBe(401);
  });

  it("share the saved public URL, for receiver URLs and for the Host check", async () => {
    const endpoint = await createEndpoint(first());
    const host = "hooks.shared.example";
    const before = await sendHostile(second(), {
      method: "GET",
      target: "/api/endpoints/public-url",
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, host },
    });
    expect(before.status).toBe(403);
    try {
      expect(
        (await putJson(first(), "/api/endpoints/public-url", { public_url: `https://${host}` }))
          .status,
      ).toBe(200);
      const one = await api<{ receiver_url: string }>(second(), `/api/endpoints/${endpoint.id}`);
      expect(one.body.receiver_url).toBe(`https://${host}/api/hooks/${endpoint.token}`);
      const after = await sendHostile(second(), {
        method: "GET",
        target: "/api/endpoints/public-url",
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, host },
      });
      expect(after.status).toBe(200);
    } finally {
      await putJson(first(), "/api/endpoints/public-url", { public_url: null });
    }
  });

  it("answer 503 not_on_postgresql for what is not ported", async () => {
    const endpoint = await createEndpoint(first());
    for (const [baseUrl, path, method] of [
      [second(), "/api/resources/server/s-1/more", "GET"],
      [first(), "/api/changes/more", "GET"],
      [first(), `/api/hooks/${endpoint.token}/more`, "POST"],
    ] as const) {
      const answer = await api<{ error: { code: string; message: string } }>(baseUrl, path, {
        method,
        ...(method === "POST" ? { json: { hello: "world" } } : {}),
      });
      expect(answer.status, path).toBe(503);
      expect(answer.body.error.code, path).toBe("not_on_postgresql");
      expect(answer.body.error.message, path).toContain("on PostgreSQL yet (issue 14)");
    }
    // Access is still checked first: without the token it is 401, not a hint of what runs.
    expect((await rawRequest(`${first()}/api/changes/more`)).status).toBe(401);
  });
});
