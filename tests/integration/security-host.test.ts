import { beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createEndpoint } from "../support/api";
import { logIn } from "../support/auth";
import { sendHostile, type HostileRequest } from "../support/hostile-client";
import { serversPerTest } from "../support/servers-per-test";
import { TEST_ADMIN_TOKEN } from "../support/start-server";

/**
 * Issue 13, item 7 (Host): without a trusted proxy, a Host counts only when it names this
 * server (an IP, localhost, the public URL's host, HOOKLENS_ALLOWED_HOSTS); any other is
 * refused 403, as a DNS-rebinding page's requests would be, except on the receiver,
 * which takes every delivery whatever name the platform used.
 */
vi.setConfig({ testTimeout: 180_000 });

const bearer = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const startServer = serversPerTest();

async function send(baseUrl: string, request: HostileRequest) {
  const answer = await sendHostile(baseUrl, request);
  let json: unknown = null;
  try {
    json = JSON.parse(answer.excerpt ?? "");
  } catch {
    // not JSON
  }
  return { status: answer.status, json, headers: answer.headers };
}

const publicUrl = (baseUrl: string, host: string) =>
  send(baseUrl, {
    method: "GET",
    target: "/api/endpoints/public-url",
    headers: { ...bearer, host },
  });

const delivery = (token: string, host: string): HostileRequest => ({
  method: "POST",
  target: `/api/hooks/${token}`,
  headers: { host, "content-type": "application/json" },
  body: JSON.stringify({ action: "create", resource_type: "server", result: "succeed" }),
});

describe("without HOOKLENS_TRUST_PROXY (the shared server: receivers through the gate)", () => {
  let baseUrl: string;
  let port: string;
  beforeAll(() => {
    baseUrl = inject("baseUrl");
    port = new URL(baseUrl).port;
  });

  it("refuses a DNS-rebinding page's change: Host and Origin evil.example", async () => {
    const cookie = await logIn(baseUrl);
    const answer = await send(baseUrl, {
      method: "POST",
      target: "/api/endpoints",
      headers: {
        cookie,
        host: `evil.example:${port}`,
        origin: `http://evil.example:${port}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ name: "rebound" }),
    });
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ error: { code: "host_not_allowed" } });
    expect((answer.json as { error: { message: string } }).error.message).toMatch(
      /HOOKLENS_ALLOWED_HOSTS.*HOOKLENS_PUBLIC_URL/,
    );
  });

  it("refuses reads and pages under another name, and builds no URL from it", async () => {
    const read = await publicUrl(baseUrl, "evil.example");
    expect(read.status).toBe(403);
    expect(read.json).toMatchObject({ error: { code: "host_not_allowed" } });
    const page = await send(baseUrl, {
      method: "GET",
      target: "/",
      headers: { host: "evil.example" },
    });
    expect(page.status).toBe(403);
  });

  it("takes its IP address and localhost, with any port and spelling", async () => {
    for (const host of [`127.0.0.1:${port}`, "127.0.0.1:8080", `LOCALHOST:${port}`, "localhost."]) {
      const answer = await publicUrl(baseUrl, host);
      expect(answer.status, host).toBe(200);
      expect(answer.json, host).toMatchObject({ source: "request" });
    }
    expect((await publicUrl(baseUrl, "127.0.0.1:8080")).json).toMatchObject({
      public_url: "http://127.0.0.1:8080",
    });
    const cookie = await logIn(baseUrl);
    const change = await send(baseUrl, {
      method: "POST",
      target: "/api/endpoints",
      headers: {
        cookie,
        host: `localhost:${port}`,
        origin: `http://localhost:${port}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ name: "from-localhost" }),
    });
    expect(change.status).toBe(201);
  });

  it("still takes a delivery sent under any Host", async () => {
    const endpoint = await createEndpoint(baseUrl, { name: "any-host" });
    const answer = await send(baseUrl, delivery(endpoint.token, "evil.example"));
    expect(answer.status).toBe(200);
  });
});

describe("with HOOKLENS_ALLOWED_HOSTS and a saved public URL", () => {
  it("takes the names listed and the wizard's host, and still no other", async () => {
    const server = await startServer({ env: { HOOKLENS_ALLOWED_HOSTS: "hooklens.internal" } });
    expect((await publicUrl(server.baseUrl, "Hooklens.Internal.:8080")).status).toBe(200);
    const allowed = await publicUrl(server.baseUrl, "hooklens.internal:8080");
    expect(allowed.status).toBe(200);
    expect(allowed.json).toMatchObject({ public_url: "http://hooklens.internal:8080" });
    expect((await publicUrl(server.baseUrl, "evil.example")).status).toBe(403);
    expect((await publicUrl(server.baseUrl, "hooks.saved.example")).status).toBe(403);

    const saved = await send(server.baseUrl, {
      method: "PUT",
      target: "/api/endpoints/public-url",
      headers: { ...bearer, "content-type": "application/json" },
      body: JSON.stringify({ public_url: "https://hooks.saved.example" }),
    });
    expect(saved.status).toBe(200);
    expect((await publicUrl(server.baseUrl, "hooks.saved.example")).status).toBe(200);

    // The receiver on its fast path (the default) answers any Host too.
    const endpoint = await createEndpoint(server.baseUrl, { name: "fast-any-host" });
    expect((await send(server.baseUrl, delivery(endpoint.token, "evil.example"))).status).toBe(200);
  });
});

describe("with HOOKLENS_TRUST_PROXY", () => {
  it("leaves Host to the proxy, as before", async () => {
    const server = await startServer({ env: { HOOKLENS_TRUST_PROXY: "on" } });
    const answer = await send(server.baseUrl, {
      method: "GET",
      target: "/api/endpoints/public-url",
      headers: { ...bearer, host: "evil.example", "x-forwarded-host": "hooks.example" },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ public_url: "http://hooks.example" });
  });
});
