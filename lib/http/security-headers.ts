import { randomBytes } from "node:crypto";

/**
 * The response headers every answer but the receiver's gets (issue 13, item 9), set by
 * the access gate before Next.js sees the request.
 *
 * Pages get a Content-Security-Policy whose scripts must carry this request's nonce: Next
 * reads the nonce from the policy on the request (`content-security-policy`, as its
 * proxy-file recipe sets it) and puts it on every script it writes, its inline flight data
 * included; `'strict-dynamic'` lets those scripts load the chunks they need. Styles may be
 * inline (`'unsafe-inline'`): React and Recharts write style attributes, and a style can
 * neither run code nor send data where `connect-src`, `img-src` and `font-src` forbid.
 * API answers are data, never documents: `default-src 'none'`, and `no-store`, so that no
 * cache keeps a delivery or a token.
 */
export type SecurityHeaderOptions = {
  /** The request is an API call (`/api/…`) rather than a page or an asset. */
  api: boolean;
  /** The browser reached us over https (directly or through a trusted proxy). */
  https: boolean;
  /** Development (`--dev`): React's dev build evaluates code, and hot reload needs it. */
  dev?: boolean;
};

/** A fresh nonce: 128 random bits, base64 (Next accepts `[A-Za-z0-9+/_-]+={0,2}`). */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

export function pagePolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** A year; sent only over https, where browsers honour it. */
export const HSTS = "max-age=31536000";

export function securityHeaders(
  options: SecurityHeaderOptions,
  nonce: string,
): Record<string, string> {
  const headers: Record<string, string> = {
    "content-security-policy": options.api ? API_POLICY : pagePolicy(nonce, options.dev),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
  };
  if (options.api) headers["cache-control"] = "no-store";
  if (options.https) headers["strict-transport-security"] = HSTS;
  return headers;
}
