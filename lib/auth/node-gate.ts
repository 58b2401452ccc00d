import type { IncomingMessage, ServerResponse } from "node:http";
import { getConfig } from "../config";
import { getAuthFailureLimiter } from "../limits/auth-failures";
import { getAdminToken } from "./admin-token";
import { checkAccess, type AccessKeys } from "./check-access";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { sessionKey } from "./session";

const SECURITY_HEADERS: Record<string, string> = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
};

function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
) {
  const json = JSON.stringify({ error: { code, message } });
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
    "cache-control": "no-store",
    ...extra,
  });
  res.end(json);
}

/**
 * The access check in front of Next's request handler (server.ts): every page, route
 * handler, RSC and server-action request passes here first. Answers 401/403/429 or a
 * redirect to /login itself and returns false; returns true when Next may serve it.
 */
export function createAccessGate() {
  const admin = getAdminToken();
  const keys: AccessKeys = {
    adminToken: admin.token,
    sessionKey: sessionKey(admin.token),
    publicUrl: getConfig().HOOKLENS_PUBLIC_URL,
  };
  const failures = getAuthFailureLimiter();

  const tooManyFailures = (res: ServerResponse, retryAfterSeconds: number) =>
    sendError(
      res,
      429,
      "rate_limited",
      "Too many wrong admin tokens from this address; wait and retry.",
      {
        "retry-after": String(retryAfterSeconds),
      },
    );

  return function admit(req: IncomingMessage, res: ServerResponse): boolean {
    const client = req.socket.remoteAddress ?? "unknown";
    req.headers[CLIENT_ADDRESS_HEADER] = client;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const decision = checkAccess(
      { method: req.method ?? "GET", target: req.url ?? "/", header },
      keys,
    );
    switch (decision.action) {
      case "pass": {
        // Past its failure limit a client is refused even with the right token, or the
        // limit would tell a guesser which guess was right.
        const limit = decision.credential === "bearer" ? failures.check(client) : null;
        if (limit && !limit.ok) {
          tooManyFailures(res, limit.retryAfterSeconds);
          return false;
        }
        return true;
      }
      case "redirect":
        res.writeHead(307, { location: decision.location, "cache-control": "no-store" });
        res.end();
        return false;
      case "deny": {
        const limit = decision.wrongToken ? failures.take(client) : null;
        if (limit && !limit.ok) {
          tooManyFailures(res, limit.retryAfterSeconds);
          return false;
        }
        const challenge =
          decision.status === 401 ? { "www-authenticate": 'Bearer realm="hooklens"' } : undefined;
        sendError(res, decision.status, decision.code, decision.message, challenge);
        return false;
      }
    }
  };
}
