import { describe, expect, it } from "vitest";
import { checkAccess, type AccessKeys } from "./check-access";
import { createSession, sessionKey } from "./session";

const adminToken = "admin-token-for-unit-tests";
const keys: AccessKeys = { adminToken, sessionKey: sessionKey(adminToken) };
const cookie = `hooklens_session=${createSession(keys.sessionKey, Date.now() + 60_000)}`;

function decide(method: string, target: string, headers: Record<string, string> = {}) {
  const lower = Object.fromEntries(
    Object.entries({ host: "hooklens.local:3000", ...headers }).map(([k, v]) => [
      k.toLowerCase(),
      v,
    ]),
  );
  return checkAccess({ method, target, header: (name) => lower[name] }, keys);
}

describe("checkAccess", () => {
  it("leaves the receiver, the login page and static assets open", () => {
    expect(decide("POST", "/api/hooks/AbC_-123")).toEqual({ action: "pass", credential: "none" });
    expect(
      decide("POST", "/api/hooks/AbC_-123?x=1", { authorization: "Basic whatever" }).action,
    ).toBe("pass");
    expect(decide("GET", "/login?next=%2Fevents").action).toBe("pass");
    expect(decide("GET", "/_next/static/chunks/app/events/%5Bid%5D/page-abc.js").action).toBe(
      "pass",
    );
    expect(decide("GET", "/favicon.ico").action).toBe("pass");
  });

  it("does not let a public prefix reach another route", () => {
    for (const target of [
      "/api/hooks/../events",
      "/api/hooks/x/../../events",
      "/api/hooks/%2e%2e/events",
      "/api/hooks/a%2fb",
      "/api/hooks//events",
      "/_next/static/../../api/events",
      "/_next/static/%2e%2e/%2e%2e/api/events",
      "/_next/static/..%5c..%5capi/events",
      "/login/../api/events",
      "/api/auth/login/../../events",
      "/_next/image?url=/x",
    ]) {
      expect(decide("GET", target).action, target).not.toBe("pass");
    }
  });

  it("sends browsers without a session to the login page, and API clients a 401", () => {
    expect(decide("GET", "/events?kind=event")).toEqual({
      action: "redirect",
      location: "/login?next=%2Fevents%3Fkind%3Devent",
    });
    expect(decide("GET", "/api/events")).toMatchObject({
      action: "deny",
      status: 401,
      wrongToken: false,
    });
    expect(decide("POST", "/events")).toMatchObject({ action: "deny", status: 401 });
  });

  it("takes the admin token as Bearer, and counts a wrong one", () => {
    expect(decide("DELETE", "/api/endpoints/x", { authorization: `Bearer ${adminToken}` })).toEqual(
      { action: "pass", credential: "bearer" },
    );
    expect(decide("GET", "/api/events", { authorization: `bearer   ${adminToken}` }).action).toBe(
      "pass",
    );
    expect(decide("GET", "/api/events", { authorization: `Bearer ${adminToken}x` })).toMatchObject({
      status: 401,
      wrongToken: true,
    });
    expect(
      decide("GET", "/api/events", { authorization: `Bearer ${adminToken.slice(0, -1)}` }),
    ).toMatchObject({ wrongToken: true });
    expect(decide("GET", "/api/events", { authorization: `Basic ${adminToken}` })).toMatchObject({
      status: 401,
      wrongToken: false,
    });
  });

  it("does not fall back to the cookie when a wrong Bearer token is sent", () => {
    expect(decide("GET", "/api/events", { authorization: "Bearer nope", cookie })).toMatchObject({
      status: 401,
    });
  });

  it("takes the session cookie for reads from anywhere", () => {
    expect(decide("GET", "/api/events", { cookie })).toEqual({
      action: "pass",
      credential: "session",
    });
    expect(decide("GET", "/", { cookie, "sec-fetch-site": "cross-site" }).action).toBe("pass");
  });

  it("takes the session cookie for changes only from the same origin", () => {
    const same: Array<Record<string, string>> = [
      { "sec-fetch-site": "same-origin" },
      { origin: "http://hooklens.local:3000" },
      { origin: "https://hooklens.example", "x-forwarded-host": "hooklens.example" },
    ];
    for (const headers of same)
      expect(decide("POST", "/api/endpoints", { cookie, ...headers }).action).toBe("pass");
    const cross: Array<Record<string, string>> = [
      {},
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { "sec-fetch-site": "none" },
      { origin: "http://evil.example" },
      { origin: "null" },
      { origin: "http://hooklens.local:3001" },
      { "sec-fetch-site": "cross-site", origin: "http://hooklens.local:3000" },
    ];
    for (const headers of cross) {
      expect(
        decide("PATCH", "/api/endpoints/x", { cookie, ...headers }),
        JSON.stringify(headers),
      ).toMatchObject({
        action: "deny",
        status: 403,
      });
    }
  });

  it("accepts the origin of HOOKLENS_PUBLIC_URL behind a proxy", () => {
    const behindProxy = { ...keys, publicUrl: "https://hooks.example.com/" };
    const lower: Record<string, string> = {
      host: "127.0.0.1:3000",
      origin: "https://hooks.example.com",
      cookie,
    };
    expect(
      checkAccess(
        { method: "POST", target: "/api/endpoints", header: (n) => lower[n] },
        behindProxy,
      ).action,
    ).toBe("pass");
  });

  it("refuses an expired or foreign cookie like no cookie", () => {
    const expired = `hooklens_session=${createSession(keys.sessionKey, Date.now() - 1)}`;
    const foreign = `hooklens_session=${createSession(sessionKey("some-other-admin-token"), Date.now() + 60_000)}`;
    expect(decide("GET", "/api/events", { cookie: expired })).toMatchObject({
      status: 401,
      wrongToken: false,
    });
    expect(decide("GET", "/events", { cookie: foreign }).action).toBe("redirect");
  });

  it("lets login and logout be posted only from the same origin or by a non-browser", () => {
    expect(decide("POST", "/api/auth/login").action).toBe("pass");
    expect(decide("POST", "/api/auth/login", { origin: "http://hooklens.local:3000" }).action).toBe(
      "pass",
    );
    expect(decide("POST", "/api/auth/logout", { "sec-fetch-site": "cross-site" })).toMatchObject({
      status: 403,
    });
  });
});
