import { secretsEqual } from "./constant-time";
import { pathOf, publicPath } from "./public-paths";
import { requestOrigin, SAFE_METHODS, type Headers } from "./same-origin";
import { readCookie, SESSION_COOKIE, verifySession } from "./session";

export type AccessRequest = {
  method: string;
  /** The raw request target (path and query). */
  target: string;
  /** Header lookup by lower-case name. */
  header: Headers;
};

export type AccessKeys = { adminToken: string; sessionKey: Buffer; publicUrl?: string };

export type AccessDecision =
  | { action: "pass"; credential: "none" | "bearer" | "session" }
  | { action: "redirect"; location: string }
  | {
      action: "deny";
      status: 401 | 403;
      code: "unauthorized" | "forbidden";
      message: string;
      /** A wrong token was presented: counts toward the client's failure limit. */
      wrongToken: boolean;
    };

const unauthorized = (message: string, wrongToken = false): AccessDecision => ({
  action: "deny",
  status: 401,
  code: "unauthorized",
  message,
  wrongToken,
});

const crossSite: AccessDecision = {
  action: "deny",
  status: 403,
  code: "forbidden",
  message:
    "Cross-site request refused: send it from Hooklens itself or with Authorization: Bearer.",
  wrongToken: false,
};

/**
 * Who may do what: the receiver, the login page and static assets are open; everything
 * else needs the admin token as `Authorization: Bearer` or the signed session cookie,
 * and a cookie alone does not carry a cross-site change.
 */
export function checkAccess(
  request: AccessRequest,
  keys: AccessKeys,
  now = Date.now(),
): AccessDecision {
  const method = request.method.toUpperCase();
  const pathname = pathOf(request.target);
  const open = publicPath(pathname);
  const safe = SAFE_METHODS.has(method);
  if (open === "receiver" || open === "asset") return { action: "pass", credential: "none" };
  if (open !== null) {
    // Login and logout: no credential needed, but a foreign page may not post them.
    if (!safe && requestOrigin(request.header, keys.publicUrl) === "cross") return crossSite;
    return { action: "pass", credential: "none" };
  }

  const authorization = request.header("authorization");
  if (authorization !== undefined) {
    const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    if (!bearer?.[1]) return unauthorized("Authorization must be `Bearer <admin token>`.");
    if (!secretsEqual(bearer[1], keys.adminToken)) return unauthorized("Wrong admin token.", true);
    return { action: "pass", credential: "bearer" };
  }

  const session = readCookie(request.header("cookie"), SESSION_COOKIE);
  if (verifySession(keys.sessionKey, session, now)) {
    if (!safe && requestOrigin(request.header, keys.publicUrl) !== "same") return crossSite;
    return { action: "pass", credential: "session" };
  }

  if (safe && !pathname.startsWith("/api/")) {
    return { action: "redirect", location: `/login?next=${encodeURIComponent(request.target)}` };
  }
  return unauthorized("Log in, or send Authorization: Bearer <admin token>.");
}
