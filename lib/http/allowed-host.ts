import { isIP } from "node:net";
import { domainToASCII } from "node:url";

/**
 * Which Host names this server, for when no trusted proxy speaks for the request (DNS
 * rebinding defence, as Vite's server.allowedHosts and webpack-dev-server's allowedHosts).
 * A Host counts only when it is an IP literal (any port), localhost or *.localhost, the
 * host of a configured public URL, or a name in HOOKLENS_ALLOWED_HOSTS; a name there
 * starting with a dot also allows every name under it.
 */

/** A name in one spelling: lowercase, ASCII (punycode), no trailing dot; null if malformed. */
function canonicalName(name: string): string | null {
  const bare = name.endsWith(".") ? name.slice(0, -1) : name;
  if (bare === "" || !/^[\p{L}\p{N}._-]+$/u.test(bare)) return null;
  const ascii = domainToASCII(bare);
  return ascii === "" ? null : ascii.toLowerCase();
}

/**
 * The host name of a Host header value ("Example.COM.:8080", "[::1]:3000"): without port,
 * brackets or trailing dot, lowercase and punycode; null when it is no host at all.
 */
export function hostnameOf(host: string | undefined): string | null {
  const text = host?.trim() ?? "";
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(text);
  if (bracketed) {
    const [, address, port] = bracketed;
    if (isIP(address!) !== 6 || (port !== undefined && Number(port) > 65535)) return null;
    return address!.toLowerCase();
  }
  if (isIP(text) === 6) return text.toLowerCase();
  const named = /^([^:]+)(?::(\d{1,5}))?$/.exec(text);
  if (!named || (named[2] !== undefined && Number(named[2]) > 65535)) return null;
  if (isIP(named[1]!) === 4) return named[1]!;
  return canonicalName(named[1]!);
}

/** HOOKLENS_ALLOWED_HOSTS: comma-separated names (a leading dot: the name and those under it). */
export function parseAllowedHosts(value: string | undefined): string[] {
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const sub = entry.startsWith(".");
    const name = hostnameOf(sub ? entry.slice(1) : entry);
    if (name === null) throw new Error(`"${entry}" is not a host name`);
    return sub ? `.${name}` : name;
  });
}

/** The host name of an absolute URL (a public base URL), or null. */
export function hostnameOfUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return hostnameOf(new URL(url).host);
  } catch {
    return null;
  }
}

/** Whether the Host names this server without needing a list: an IP literal or localhost. */
export function isIntrinsicHost(hostname: string): boolean {
  return isIP(hostname) !== 0 || hostname === "localhost" || hostname.endsWith(".localhost");
}

/** Whether a Host header value names this server, given the allowed names (canonical). */
export function isAllowedHost(host: string | undefined, allowed: readonly string[]): boolean {
  const hostname = hostnameOf(host);
  if (hostname === null) return false;
  if (isIntrinsicHost(hostname)) return true;
  return allowed.some((name) =>
    name.startsWith(".")
      ? hostname === name.slice(1) || hostname.endsWith(name)
      : hostname === name,
  );
}
