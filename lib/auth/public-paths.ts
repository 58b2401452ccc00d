/**
 * The only paths served without the admin token. Matched on the raw path with narrow
 * character sets, so that dot segments or encoded slashes can never turn a public
 * prefix into another route (/api/hooks/../events is not public; it needs a token).
 */
const RECEIVER = /^\/api\/hooks\/[A-Za-z0-9_-]{1,128}\/?$/;
const LOGIN = /^\/login\/?$/;
const AUTH_API = /^\/api\/auth\/(?:login|logout)\/?$/;
const STATIC = /^\/_next\/static\/[A-Za-z0-9_\-.~%()[\]@+,=/]+$/;
const ASSETS = /^\/(?:favicon\.ico|robots\.txt)$/;
const TRAVERSAL = /\.\.|%2e|%2f|%5c|\/\//i;

export type PublicPath = "receiver" | "login" | "auth_api" | "asset";

export function publicPath(pathname: string): PublicPath | null {
  if (RECEIVER.test(pathname)) return "receiver";
  if (LOGIN.test(pathname)) return "login";
  if (AUTH_API.test(pathname)) return "auth_api";
  if (ASSETS.test(pathname)) return "asset";
  if (STATIC.test(pathname) && !TRAVERSAL.test(pathname)) return "asset";
  return null;
}

/** The path of a request target, without query or fragment. */
export function pathOf(target: string): string {
  const end = target.search(/[?#]/);
  return end < 0 ? target : target.slice(0, end);
}
