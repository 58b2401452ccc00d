import { checkAddress, isIpAddress, type GuardPolicy } from "./address-guard";

/**
 * A replay target URL, checked before anything is sent. Pure. Node connects to an IP
 * literal without a lookup, so the guard must judge literal hosts here; host names are
 * judged again on every resolved address at connect time (guarded-lookup.ts).
 *
 * The WHATWG URL parser normalises the other spellings of an IPv4 address
 * (http://2852039166/, http://0xa9.0xfe.0xa9.0xfe/, http://0251.0376.0251.0376/) to a
 * dotted quad first, so none of them slips past as a "host name".
 */
export type TargetCheck =
  { ok: true; url: URL; host: string; literal: boolean } | { ok: false; reason: string };

export const MAX_URL_LENGTH = 2048;

/** The URL's host without IPv6 brackets: what the connection is made to. */
export function connectHost(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

export function checkTargetUrl(text: string, policy: GuardPolicy): TargetCheck {
  if (text.length > MAX_URL_LENGTH) return { ok: false, reason: "the URL is too long" };
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, reason: "not an absolute URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return {
      ok: false,
      reason: `only http and https URLs can be replayed to, not ${url.protocol}`,
    };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      reason: "credentials in the URL are not kept: send them as a header (edited mode)",
    };
  }
  const host = connectHost(url);
  if (!host) return { ok: false, reason: "the URL has no host" };
  const literal = isIpAddress(host);
  if (literal) {
    const verdict = checkAddress(host, policy);
    if (!verdict.allowed) return { ok: false, reason: `refused: ${verdict.reason}` };
  }
  url.hash = "";
  return { ok: true, url, host, literal };
}
