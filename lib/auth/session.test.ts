import { describe, expect, it } from "vitest";
import { createSession, readCookie, sessionCookie, sessionKey, verifySession } from "./session";

const key = sessionKey("an-admin-token-of-some-length");

describe("session cookie", () => {
  it("verifies its own value until it expires", () => {
    const value = createSession(key, 2_000);
    expect(verifySession(key, value, 1_999)).toBe(true);
    expect(verifySession(key, value, 2_000)).toBe(false);
  });

  it("holds no part of the admin token", () => {
    const token = "an-admin-token-of-some-length";
    const value = createSession(sessionKey(token), Date.now() + 1000);
    expect(value).not.toContain(token);
    expect(value).not.toContain(Buffer.from(token).toString("base64url"));
  });

  it("refuses a value signed by another token (rotation ends every session)", () => {
    const value = createSession(sessionKey("the-old-admin-token-value"), Date.now() + 60_000);
    expect(verifySession(key, value)).toBe(false);
  });

  it("refuses tampered, truncated and malformed values", () => {
    const value = createSession(key, Date.now() + 60_000);
    const [expiry, nonce, signature] = value.split(".") as [string, string, string];
    const later = (parseInt(expiry, 36) + 86_400_000).toString(36);
    expect(verifySession(key, `${later}.${nonce}.${signature}`)).toBe(false);
    expect(verifySession(key, `${expiry}.${nonce}x.${signature}`)).toBe(false);
    expect(verifySession(key, `${expiry}.${nonce}.${signature.slice(0, -2)}`)).toBe(false);
    for (const bad of [undefined, "", "a.b", "a.b.c.d", "x".repeat(500), `${expiry}.${nonce}.`]) {
      expect(verifySession(key, bad)).toBe(false);
    }
  });

  it("is set httpOnly and SameSite=Lax, Secure only over https", () => {
    const plain = sessionCookie("v", { maxAgeSeconds: 60, secure: false });
    expect(plain).toBe("hooklens_session=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60");
    expect(sessionCookie("v", { maxAgeSeconds: 60, secure: true })).toMatch(/; Secure$/);
  });

  it("reads one cookie out of a Cookie header", () => {
    expect(readCookie("a=1; hooklens_session=abc.def.ghi; b=2", "hooklens_session")).toBe(
      "abc.def.ghi",
    );
    expect(readCookie("xhooklens_session=1", "hooklens_session")).toBeUndefined();
    expect(readCookie(undefined, "hooklens_session")).toBeUndefined();
  });
});
