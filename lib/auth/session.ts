import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The session cookie holds a signed expiry, never the admin token: a stolen cookie
 * expires, and it cannot be turned back into the token. The signing key derives from
 * the admin token, so rotating the token ends every session at once.
 */
export const SESSION_COOKIE = "hooklens_session";

export function sessionKey(adminToken: string): Buffer {
  return createHmac("sha256", adminToken).update("hooklens session v1").digest();
}

function sign(key: Buffer, payload: string): Buffer {
  return createHmac("sha256", key).update(payload).digest();
}

/** `<expiry in base36 ms>.<nonce>.<signature>`, all URL- and cookie-safe. */
export function createSession(key: Buffer, expiresAt: number): string {
  const payload = `${expiresAt.toString(36)}.${randomBytes(12).toString("base64url")}`;
  return `${payload}.${sign(key, payload).toString("base64url")}`;
}

export function verifySession(key: Buffer, value: string | undefined, now = Date.now()): boolean {
  if (!value || value.length > 200) return false;
  const parts = value.split(".");
  if (parts.length !== 3) return false;
  const [expiry, nonce, signature] = parts as [string, string, string];
  const given = Buffer.from(signature, "base64url");
  const expected = sign(key, `${expiry}.${nonce}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const expiresAt = parseInt(expiry, 36);
  return Number.isFinite(expiresAt) && expiresAt > now;
}

/** The Set-Cookie value: httpOnly, SameSite=Lax, Secure when served over https. */
export function sessionCookie(
  value: string,
  options: { maxAgeSeconds: number; secure: boolean },
): string {
  const parts = [
    `${SESSION_COOKIE}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
  ];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

/** The value of one cookie from a Cookie header (the first, as browsers order them). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
