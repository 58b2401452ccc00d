import { beforeAll, describe, expect, inject, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { createEndpoint, sendDelivery } from "../support/api";
import { appRoutes } from "../support/app-routes";
import { rawRequest } from "../support/auth";
import { servesPath } from "../support/engine-database";
import { sendHostile } from "../support/hostile-client";
import { TEST_ADMIN_TOKEN } from "../support/start-server";

/**
 * Issue 13, item 9: every page has a Content-Security-Policy whose scripts need this
 * request's nonce (and every script Next writes carries it), no framing, connections to
 * this origin only; every API answer, errors and streams included, is `no-store`. HSTS
 * over https is in security-proxy.test.ts, which has the trusted-proxy servers.
 */
let baseUrl: string;
const bearer = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const { handlers, pages } = appRoutes();
const body = (method: string) => (method === "GET" || method === "HEAD" ? undefined : "{}");

beforeAll(() => {
  baseUrl = inject("baseUrl");
});

function expectPagePolicy(policy: string | null, where: string): string {
  expect(policy, where).toBeTruthy();
  const directives = new Map(
    policy!.split(";").map((directive) => {
      const [name = "", ...sources] = directive.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
  expect(directives.get("frame-ancestors"), where).toEqual(["'none'"]);
  expect(directives.get("connect-src"), where).toEqual(["'self'"]);
  expect(directives.get("object-src"), where).toEqual(["'none'"]);
  const scripts = directives.get("script-src") ?? [];
  expect(scripts, where).not.toContain("'unsafe-inline'");
  expect(scripts, where).not.toContain("'unsafe-eval'");
  const nonce = scripts.map((source) => /^'nonce-(.+)'$/.exec(source)?.[1]).find(Boolean);
  expect(nonce, where).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  return nonce!;
}

describe.each(pages.map((page) => page.path))("page %s", (path) => {
  it("has a nonce policy that every script in it carries, fresh per request", async () => {
    const first = await rawRequest(baseUrl + path, { headers: bearer });
    const second = await rawRequest(baseUrl + path, {
      // A policy sent by the client must not choose the nonce.
      headers: { ...bearer, "content-security-policy": "script-src 'nonce-chosenbyclient'" },
    });
    expect(first.status, path).toBeLessThan(500);
    const nonce = expectPagePolicy(first.headers.get("content-security-policy"), path);
    const again = expectPagePolicy(second.headers.get("content-security-policy"), path);
    expect(again).not.toBe(nonce);
    expect(second.text).not.toContain("chosenbyclient");

    const scripts = [...first.text.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length, path).toBeGreaterThan(0);
    expect(scripts.filter((tag) => !tag.includes(` nonce="${nonce}"`))).toEqual([]);
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("strict-transport-security")).toBeNull();
  });
});

it("the login page, the login redirect and a missing page carry the policy too", async () => {
  for (const [path, headers] of [
    ["/login", {}],
    ["/", {}],
    ["/no-such-page", bearer],
  ] as const) {
    const answer = await rawRequest(baseUrl + path, { headers });
    expect([200, 307, 404], path).toContain(answer.status);
    expectPagePolicy(answer.headers.get("content-security-policy"), path);
  }
});

const calls = handlers.flatMap((route) =>
  route.methods.map((method) => ({ method, path: route.path })),
);

describe.each(calls)("$method $path", ({ method, path }) => {
  it("is never stored by a cache, answered or refused", async () => {
    for (const headers of [bearer, {}]) {
      const answer = await rawRequest(baseUrl + path, { method, headers, body: body(method) });
      const where = `${method} ${path} ${answer.status}`;
      expect(answer.headers.get("cache-control"), where).toMatch(/\bno-store\b/);
      expect(answer.headers.get("x-content-type-options"), where).toBe("nosniff");
    }
  });
});

it("streams, exports and receivers are no-store as well", async () => {
  const endpoint = await createEndpoint(baseUrl);
  const delivery = renderDelivery({ kind: "text", text: "hello" });
  const received = await fetch(endpoint.receiver_url, {
    method: "POST",
    headers: delivery.headers,
    body: delivery.body,
  });
  expect(received.status).toBe(200);
  expect(received.headers.get("cache-control")).toMatch(/\bno-store\b/);
  await sendDelivery(endpoint.receiver_url, delivery);
  for (const path of [
    `/api/events/stream?endpoint=${endpoint.id}`,
    "/api/forwards/stream",
    `/api/events/export?endpoint=${endpoint.id}&format=ndjson`,
    `/api/events/export?endpoint=${endpoint.id}&format=csv`,
    "/api/events/not-a-number",
    // On PostgreSQL, what serves there so far (forwarding's stream answers 503 until it ports).
  ].filter(servesPath)) {
    const answer = await rawRequest(baseUrl + path, { headers: bearer });
    expect(answer.status, path).toBeLessThan(500);
    expect(answer.headers.get("cache-control"), path).toMatch(/\bno-store\b/);
    expect(answer.headers.get("content-security-policy"), path).toContain("default-src 'none'");
  }
  // A route's own Cache-Control stands: streams stay untransformed, hence never gzipped.
  for (const path of [`/api/events/stream?endpoint=${endpoint.id}`, "/api/forwards/stream"].filter(
    servesPath,
  )) {
    const answer = await rawRequest(baseUrl + path, {
      headers: { ...bearer, "accept-encoding": "gzip" },
    });
    expect(answer.headers.get("cache-control"), path).toBe("no-store, no-transform");
    expect(answer.headers.get("content-encoding"), path).toBeNull();
  }
});

it("a receiver URL built from the Host a client sent is its own answer, never cached", async () => {
  // Without a trusted proxy a Host naming this server still counts (other names are
  // refused: security-host.test.ts), and its answer is never handed to another client.
  const answer = await sendHostile(baseUrl, {
    method: "GET",
    target: "/api/endpoints/public-url",
    headers: { ...bearer, host: "127.0.0.1:8080" },
  });
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.excerpt ?? "{}")).toMatchObject({
    public_url: "http://127.0.0.1:8080",
    source: "request",
  });
  expect(answer.headers?.["cache-control"]).toMatch(/\bno-store\b/);
});
