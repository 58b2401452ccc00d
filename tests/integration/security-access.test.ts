import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { createEndpoint, sendDelivery } from "../support/api";
import { appRoutes } from "../support/app-routes";
import { logIn, rawRequest } from "../support/auth";
import { startOnEngine } from "../support/engine-database";
import { TEST_ADMIN_TOKEN, type RunningServer } from "../support/start-server";

// Its own server: these tests send hundreds of wrong tokens, which must not trip the
// failure limit of the shared one (the limit has its own test below).
let server: RunningServer;
let cookie: string;
beforeAll(async () => {
  server = await startOnEngine({ env: { HOOKLENS_AUTH_FAILURES_PER_MINUTE: "100000" } });
  cookie = await logIn(server.baseUrl);
});
afterAll(() => server.stop());

const OPEN = new Set(["/api/hooks/placeholder-1", "/api/auth/login", "/api/auth/logout", "/login"]);
const { handlers, pages } = appRoutes();
const guarded = handlers
  .filter((route) => !OPEN.has(route.path))
  .flatMap((route) => route.methods.map((method) => ({ method, path: route.path })));
const changes = guarded.filter(({ method }) => method !== "GET" && method !== "HEAD");
const guardedPages = pages.filter((page) => !OPEN.has(page.path)).map((page) => page.path);
// A body no handler accepts: credentials that pass reach validation, never a change.
const body = (method: string) => (method === "GET" || method === "HEAD" ? undefined : "{");

const crossSite: Array<Record<string, string>> = [
  { origin: "http://evil.example", "sec-fetch-site": "cross-site" },
  { origin: "http://evil.example" },
  { "sec-fetch-site": "same-site" },
  {},
];

it("finds every route handler and page in app/", () => {
  expect(guarded).toContainEqual({ method: "GET", path: "/api/events" });
  expect(guarded).toContainEqual({ method: "POST", path: "/api/endpoints" });
  expect(changes.length).toBeGreaterThan(3);
  expect(guardedPages).toContain("/");
});

describe.each(guarded)("$method $path", ({ method, path }) => {
  const url = () => server.baseUrl + path;

  it("refuses a request without a token, with a wrong one, or in another scheme", async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: "Bearer wrong-token-0123456789" },
      { authorization: `Basic ${TEST_ADMIN_TOKEN}` },
    ];
    for (const headers of attempts) {
      const response = await rawRequest(url(), { method, headers, body: body(method) });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(JSON.parse(response.text)).toMatchObject({ error: { code: "unauthorized" } });
    }
  });

  it("serves the admin token and the session cookie", async () => {
    const bearer = await rawRequest(url(), {
      method,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: body(method),
    });
    expect([401, 403, 429]).not.toContain(bearer.status);
    const session = await rawRequest(url(), {
      method,
      headers: { cookie, origin: server.baseUrl, "sec-fetch-site": "same-origin" },
      body: body(method),
    });
    expect([401, 403, 429]).not.toContain(session.status);
  });
});

describe.each(changes)("$method $path with a stolen cookie", ({ method, path }) => {
  it("refuses it on a cross-site request", async () => {
    for (const headers of crossSite) {
      const response = await rawRequest(server.baseUrl + path, {
        method,
        headers: { cookie, ...headers },
        body: "{",
      });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(response.text)).toMatchObject({ error: { code: "forbidden" } });
    }
  });
});

describe.each(guardedPages)("page %s", (path) => {
  it("sends a browser without a session to the login page and back", async () => {
    const response = await rawRequest(server.baseUrl + path);
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(`/login?next=${encodeURIComponent(path)}`);
  });

  it("refuses a wrong token and shows the page to a session", async () => {
    expect(
      (
        await rawRequest(server.baseUrl + path, {
          headers: { authorization: "Bearer wrong-token-0123456789" },
        })
      ).status,
    ).toBe(401);
    const page = await rawRequest(server.baseUrl + path, { headers: { cookie } });
    expect([200, 404]).toContain(page.status);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
  });
});

describe("what stays open", () => {
  it("the login page and the assets it loads", async () => {
    const login = await rawRequest(`${server.baseUrl}/login`);
    expect(login.status).toBe(200);
    const asset = /\/_next\/static\/[^"']+\.js/.exec(login.text)?.[0];
    expect(asset).toBeDefined();
    expect((await rawRequest(server.baseUrl + asset!)).status).toBe(200);
  });

  it("the receiver, to its token only, whatever Authorization a robot header sets", async () => {
    const endpoint = await createEndpoint(server.baseUrl);
    const delivery = renderDelivery(
      { kind: "text", text: "hello" },
      { header: { Authorization: "Bearer robot-header" } },
    );
    expect((await sendDelivery(endpoint.receiver_url, delivery)).status).toBe(200);
    const unknown = await sendDelivery(
      `${server.baseUrl}/api/hooks/not-a-receiver-token`,
      delivery,
    );
    expect(unknown.status).toBe(404);
  });

  it("not a route reached through the receiver's or the assets' prefix", async () => {
    for (const target of [
      "/api/hooks/../events",
      "/api/hooks/%2e%2e/events",
      "/_next/static/../../api/events",
      "/login/../api/events",
    ]) {
      const response = await fetch(server.baseUrl + target, { redirect: "manual" });
      expect([307, 401, 404], target).toContain(response.status);
      expect(await response.text()).not.toContain('"data"');
    }
  });
});

describe("login", () => {
  it("sets an httpOnly SameSite cookie holding no part of the token, and logout clears it", async () => {
    const response = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: TEST_ADMIN_TOKEN }),
    });
    expect(response.status).toBe(204);
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(
      /^hooklens_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=604800$/,
    );
    expect(setCookie).not.toContain(TEST_ADMIN_TOKEN);
    const logout = await rawRequest(`${server.baseUrl}/api/auth/logout`, {
      method: "POST",
      headers: { origin: server.baseUrl },
    });
    expect(logout.status).toBe(204);
    expect(logout.headers.get("set-cookie")).toMatch(/^hooklens_session=; .*Max-Age=0/);
  });

  it("refuses a wrong token, and a login posted from another site", async () => {
    const wrong = await rawRequest(`${server.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: "wrong-token-0123456789" }),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const foreign = await rawRequest(`${server.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://evil.example" },
      body: JSON.stringify({ token: TEST_ADMIN_TOKEN }),
    });
    expect(foreign.status).toBe(403);
  });
});
