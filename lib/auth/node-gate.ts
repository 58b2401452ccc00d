import type { IncomingMessage, ServerResponse } from "node:http";
import { getConfig } from "../config";
import { FORWARDING_HEADERS, forwardedClient, isTrustedPeer } from "../http/proxy-trust";
import { defaultHeader } from "../http/default-header";
import { ALLOWED_METHODS, refuseRequestTarget } from "../http/request-target";
import { createNonce, securityHeaders } from "../http/security-headers";
import { AUTH_FAILURE_DELAY_MS, getAuthFailureLimiter } from "../limits/auth-failures";
import { DRAIN_BYTES } from "../ingest/receive-delivery";
import { bodyLimitFor, OPEN_BODY_BYTES } from "../limits/body-limits";
import { getAdminToken } from "./admin-token";
import { checkAccess, type AccessKeys } from "./check-access";
import { createHostCheck, hostRefusalMessage } from "./host-check";
import { CLIENT_ADDRESS_HEADER, servedOverHttps } from "./client-address";
import { pathOf } from "./public-paths";
import { sessionKey } from "./session";

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
 * After refusing a body, reads on and throws away up to DRAIN_BYTES of it, so that a
 * client still uploading reads the answer rather than a reset; past that, it is dropped.
 */
function drainRefusedBody(req: IncomingMessage) {
  let drained = 0;
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) req.socket.destroy();
  });
  req.resume();
}

/**
 * A body this route may not take: over its cap by Content-Length (answered before a
 * byte of it is kept), or of unknown length where no token has been checked yet.
 * Chunked bodies of authenticated routes are capped as they stream (readJson).
 */
function refuseBody(req: IncomingMessage, res: ServerResponse): boolean {
  const limit = bodyLimitFor(req.url ?? "/");
  if (limit === null) return false;
  const declared = req.headers["content-length"];
  const chunked = req.headers["transfer-encoding"] !== undefined;
  if (declared !== undefined && Number(declared) > limit) {
    sendError(res, 413, "payload_too_large", `The request body is larger than ${limit} bytes.`);
  } else if (chunked && declared === undefined && limit === OPEN_BODY_BYTES) {
    const message = `Send this request with a Content-Length (at most ${limit} bytes).`;
    sendError(res, 411, "length_required", message);
  } else return false;
  drainRefusedBody(req);
  return true;
}

/**
 * CSP (with this request's nonce, handed to Next on the request as its proxy recipe
 * does), no-store for the API, HSTS over https: lib/http/security-headers.ts. A policy
 * the client sent on its request is replaced, so that it cannot choose the nonce.
 */
function setSecurityHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  options: { publicUrl?: string; dev?: boolean },
) {
  const forwardedProto = req.headers["x-forwarded-proto"];
  const https = servedOverHttps(
    Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto,
    options.publicUrl,
    "encrypted" in req.socket && req.socket.encrypted === true,
  );
  const api = pathOf(req.url ?? "/").startsWith("/api/");
  const nonce = createNonce();
  const headers = securityHeaders({ api, https, dev: options.dev }, nonce);
  delete req.headers["content-security-policy-report-only"];
  req.headers["content-security-policy"] = headers["content-security-policy"];
  const { "cache-control": cacheControl, ...rest } = headers;
  for (const [name, value] of Object.entries(rest)) res.setHeader(name, value);
  if (cacheControl) defaultHeader(res, "cache-control", cacheControl);
}

/**
 * The access check in front of Next's request handler (server.ts): every page, route
 * handler, RSC and server-action request passes here first. Answers 401/403/411/413/429
 * or a redirect to /login itself and answers false; answers true when Next may serve it.
 */
export function createAccessGate(options: { dev?: boolean } = {}) {
  const admin = getAdminToken();
  const config = getConfig();
  const trust = config.HOOKLENS_TRUST_PROXY;
  const keys: AccessKeys = {
    adminToken: admin.token,
    sessionKey: sessionKey(admin.token),
    publicUrl: config.HOOKLENS_PUBLIC_URL,
  };
  const failures = getAuthFailureLimiter();
  const hosts = createHostCheck({
    allowedHosts: config.HOOKLENS_ALLOWED_HOSTS,
    publicUrl: config.HOOKLENS_PUBLIC_URL,
  });
  // Past the limit a wrong token is answered 429 only after a pause, so a guesser gets
  // one answer a second per request; the right token is never refused (issue 13.10).
  const client = (req: IncomingMessage) => String(req.headers[CLIENT_ADDRESS_HEADER]);
  const tooManyFailures = (res: ServerResponse, retryAfterSeconds: number) =>
    setTimeout(() => {
      if (res.destroyed) return;
      const message = "Too many wrong admin tokens from this address; wait and retry.";
      sendError(res, 429, "rate_limited", message, { "retry-after": String(retryAfterSeconds) });
    }, AUTH_FAILURE_DELAY_MS);

  /** Past the Host check: the request target, then the token or session. */
  function admitAfterHost(req: IncomingMessage, res: ServerResponse): boolean {
    const refusal = refuseRequestTarget(req.method ?? "GET", req.url ?? "/");
    if (refusal) {
      const allow = refusal.status === 405 ? { allow: ALLOWED_METHODS.join(", ") } : undefined;
      sendError(res, refusal.status, refusal.code, refusal.message, allow);
      drainRefusedBody(req);
      return false;
    }
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const decision = checkAccess(
      { method: req.method ?? "GET", target: req.url ?? "/", header },
      keys,
    );
    switch (decision.action) {
      case "pass":
        return !refuseBody(req, res);
      case "redirect":
        res.writeHead(307, { location: decision.location, "cache-control": "no-store" });
        res.end();
        return false;
      case "deny": {
        const limit = decision.wrongToken ? failures.take(client(req)) : null;
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
  }

  /** Without a trusted proxy, a Host that does not name this server (DNS rebinding) is
   *  refused; a receiver still takes the delivery, answered as if reached by our address. */
  function admitHost(req: IncomingMessage, res: ServerResponse, allowed: boolean): boolean {
    if (allowed) return admitAfterHost(req, res);
    const host = req.headers.host;
    if (host !== undefined && !pathOf(req.url ?? "/").startsWith("/api/hooks/")) {
      sendError(res, 403, "host_not_allowed", hostRefusalMessage(host));
      drainRefusedBody(req);
      return false;
    }
    req.headers.host = hosts.ownHost(req);
    return admitAfterHost(req, res);
  }

  /** Answers true when Next may serve the request; a promise of it when the Host check
   *  has to read the saved public URL first. */
  return function admit(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> {
    const peer = req.socket.remoteAddress ?? "unknown";
    // Forwarding headers from anyone but a trusted proxy are dropped before anything,
    // Next included, can read them (HOOKLENS_TRUST_PROXY).
    const forwardedFor = req.headers["x-forwarded-for"];
    req.headers[CLIENT_ADDRESS_HEADER] = forwardedClient(
      trust,
      peer,
      Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor,
    );
    const trusted = isTrustedPeer(trust, peer);
    if (!trusted) for (const name of FORWARDING_HEADERS) delete req.headers[name];
    setSecurityHeaders(req, res, { publicUrl: keys.publicUrl, dev: options.dev });
    const allowed = trusted || hosts.allows(req.headers.host);
    return typeof allowed === "boolean"
      ? admitHost(req, res, allowed)
      : allowed.then((yes) => admitHost(req, res, yes));
  };
}
