import { describe, expect, it } from "vitest";
import { API_POLICY, createNonce, pagePolicy, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("give pages a policy whose scripts need the nonce, with no framing and same-origin connections", () => {
    const policy = pagePolicy("abc");
    expect(policy).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(pagePolicy("abc", true)).toMatch(/script-src[^;]*'unsafe-eval'/);
  });

  it("make API answers no-store documents that load nothing", () => {
    const headers = securityHeaders({ api: true, https: false }, "abc");
    expect(headers["cache-control"]).toBe("no-store");
    expect(headers["content-security-policy"]).toBe(API_POLICY);
    expect(securityHeaders({ api: false, https: false }, "abc")["cache-control"]).toBeUndefined();
  });

  it("send HSTS only over https", () => {
    expect(securityHeaders({ api: false, https: false }, "n")).not.toHaveProperty(
      "strict-transport-security",
    );
    expect(securityHeaders({ api: true, https: true }, "n")["strict-transport-security"]).toBe(
      "max-age=31536000",
    );
  });

  it("make a fresh nonce each time, in the characters Next reads from a policy", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
