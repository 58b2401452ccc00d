import "server-only";
import { getConfig } from "../config";
import { setTimeout as delay } from "node:timers/promises";
import { AUTH_FAILURE_DELAY_MS, getAuthFailureLimiter } from "../limits/auth-failures";
import { getAdminToken } from "./admin-token";
import { secretsEqual } from "./constant-time";
import { createSession, sessionCookie, sessionKey } from "./session";

export type LogInResult =
  | { ok: true; setCookie: string }
  | { ok: false; reason: "wrong_token" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Trades the admin token for a session cookie. Wrong tokens count toward the client's
 * failure limit (shared with wrong Bearer tokens); past it, a wrong token is answered
 * 429 after a pause, while the right one still logs in.
 */
export async function logIn(options: {
  token: string;
  client: string;
  secure: boolean;
  now?: number;
}): Promise<LogInResult> {
  const admin = getAdminToken();
  if (!secretsEqual(options.token, admin.token)) {
    const limit = getAuthFailureLimiter().take(options.client);
    if (limit.ok) return { ok: false, reason: "wrong_token" };
    await delay(AUTH_FAILURE_DELAY_MS);
    return { ok: false, reason: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  }
  const lifetimeMs = getConfig().HOOKLENS_SESSION_DAYS * 86_400_000;
  const value = createSession(sessionKey(admin.token), (options.now ?? Date.now()) + lifetimeMs);
  return {
    ok: true,
    setCookie: sessionCookie(value, { maxAgeSeconds: lifetimeMs / 1000, secure: options.secure }),
  };
}

export function logOutCookie(secure: boolean): string {
  return sessionCookie("", { maxAgeSeconds: 0, secure });
}
