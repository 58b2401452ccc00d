import { describe, expect, it, vi } from "vitest";
import { logIn, rawRequest } from "../support/auth";
import { serversPerTest } from "../support/servers-per-test";
import { TEST_ADMIN_TOKEN, type RunningServer } from "../support/start-server";

// Each test starts servers of its own: on a loaded machine that outlasts the default.
vi.setConfig({ testTimeout: 180_000 });

const startServer = serversPerTest();

const bearer = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const forged = {
  "x-forwarded-host": "hooks.example",
  "x-forwarded-proto": "https",
  forwarded: "host=hooks.example;proto=https",
};

async function publicUrl(server: RunningServer) {
  const answer = await rawRequest(`${server.baseUrl}/api/endpoints/public-url`, {
    headers: { ...bearer, ...forged },
  });
  return (JSON.parse(answer.text) as { public_url: string }).public_url;
}

/** Wrong Bearer tokens "from" an address until the first 429; how many 401s came first. */
async function wrongTokensUntilLimited(server: RunningServer, forwardedFor: string) {
  for (let i = 0; i < 10; i++) {
    const answer = await rawRequest(`${server.baseUrl}/api/events`, {
      headers: {
        authorization: `Bearer wrong-token-${i}-0123456789`,
        "x-forwarded-for": forwardedFor,
      },
    });
    if (answer.status === 429) return i;
    expect(answer.status).toBe(401);
  }
  return Infinity;
}

describe("without HOOKLENS_TRUST_PROXY", () => {
  it("ignores X-Forwarded-* for the CSRF check, the receiver URL, Secure cookies and the client address", async () => {
    const server = await startServer({ env: { HOOKLENS_AUTH_FAILURES_PER_MINUTE: "3" } });
    const cookie = await logIn(server.baseUrl);
    const change = await rawRequest(`${server.baseUrl}/api/endpoints`, {
      method: "POST",
      headers: { cookie, origin: "https://hooks.example", ...forged },
      body: JSON.stringify({ name: "from-a-forged-origin" }),
    });
    expect(change.status).toBe(403);

    expect(await publicUrl(server)).toBe(server.baseUrl);

    const login = await rawRequest(`${server.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", ...forged },
      body: JSON.stringify({ token: TEST_ADMIN_TOKEN }),
    });
    expect(login.status).toBe(204);
    expect(login.headers.get("set-cookie")).not.toMatch(/;\s*Secure/i);
    // Plain http, whatever a client claims: no HSTS (issue 13, item 9).
    expect(login.headers.get("strict-transport-security")).toBeNull();

    // Every X-Forwarded-For is the same client (this socket): one limit for all.
    expect(await wrongTokensUntilLimited(server, "198.51.100.1")).toBe(3);
    expect(await wrongTokensUntilLimited(server, "198.51.100.2")).toBe(0);
  });
});

describe("with HOOKLENS_TRUST_PROXY naming the proxy", () => {
  it("takes the proxy's X-Forwarded-* headers", async () => {
    const server = await startServer({
      env: {
        HOOKLENS_TRUST_PROXY: "127.0.0.1,::1",
        HOOKLENS_AUTH_FAILURES_PER_MINUTE: "3",
      },
    });
    const cookie = await logIn(server.baseUrl);
    const change = await rawRequest(`${server.baseUrl}/api/endpoints`, {
      method: "POST",
      headers: { cookie, origin: "https://hooks.example", ...forged },
      body: JSON.stringify({ name: "through-the-proxy" }),
    });
    expect(change.status).toBe(201);

    expect(await publicUrl(server)).toBe("https://hooks.example");

    const login = await rawRequest(`${server.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", ...forged },
      body: JSON.stringify({ token: TEST_ADMIN_TOKEN }),
    });
    expect(login.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
    // Served over https by the proxy: pages and the API say so for a year (HSTS).
    for (const path of ["/", "/api/events", "/login"]) {
      const https = await rawRequest(server.baseUrl + path, {
        headers: { ...bearer, "x-forwarded-proto": "https" },
      });
      expect(https.headers.get("strict-transport-security"), path).toBe("max-age=31536000");
      const http = await rawRequest(server.baseUrl + path, {
        headers: { ...bearer, "x-forwarded-proto": "http" },
      });
      expect(http.headers.get("strict-transport-security"), path).toBeNull();
    }

    // The client is the address the proxy names, each with its own limit.
    expect(await wrongTokensUntilLimited(server, "198.51.100.1")).toBe(3);
    expect(await wrongTokensUntilLimited(server, "198.51.100.2")).toBe(3);
  });

  it("refuses to start with a value that is neither a switch nor addresses", async () => {
    await expect(startServer({ env: { HOOKLENS_TRUST_PROXY: "my-proxy" } })).rejects.toThrow(
      /HOOKLENS_TRUST_PROXY/,
    );
  });
});
