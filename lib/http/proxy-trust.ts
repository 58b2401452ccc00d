import { isIP } from "node:net";

/**
 * HOOKLENS_TRUST_PROXY: whose X-Forwarded-For/-Host/-Proto (and Forwarded) headers count.
 * Off (the default), nobody's: a client could otherwise pick its own address for the
 * failure limit, its own host for the CSRF origin check and for the receiver URLs shown,
 * and its own scheme. `on` trusts every peer (only the proxy can reach Hooklens); a list
 * of addresses trusts those peers alone, e.g. `127.0.0.1,::1` for a proxy on this host.
 */
export type ProxyTrust =
  { mode: "off" } | { mode: "all" } | { mode: "list"; addresses: ReadonlySet<string> };

export const FORWARDING_HEADERS = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
] as const;

/** An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is the IPv4 address it maps. */
export function normalizeAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  return mapped ?? lower;
}

/** Parses the setting; a value that is neither a switch nor a list of IPs is an error. */
export function parseProxyTrust(value: string | undefined): ProxyTrust {
  const text = (value ?? "").trim().toLowerCase();
  if (["", "0", "off", "false", "no"].includes(text)) return { mode: "off" };
  if (["1", "on", "true", "yes"].includes(text)) return { mode: "all" };
  const addresses = text.split(",").map(normalizeAddress).filter(Boolean);
  const bad = addresses.find((address) => isIP(address) === 0);
  if (bad !== undefined)
    throw new Error(`"${bad}" is not an IP address (use on, off, or proxy addresses)`);
  return { mode: "list", addresses: new Set(addresses) };
}

export function isTrustedPeer(trust: ProxyTrust, peer: string | undefined): boolean {
  if (trust.mode === "all") return true;
  if (trust.mode === "off" || !peer) return false;
  return trust.addresses.has(normalizeAddress(peer));
}

/**
 * The client behind trusted proxies: X-Forwarded-For read from the right, skipping
 * the proxies we trust, so that a client cannot prepend an address of its choosing.
 * `on` trusts every hop, so the leftmost entry is the client.
 */
export function forwardedClient(trust: ProxyTrust, peer: string, forwardedFor?: string): string {
  if (!isTrustedPeer(trust, peer) || !forwardedFor) return normalizeAddress(peer);
  const hops = forwardedFor
    .split(",")
    .map(normalizeAddress)
    .filter((hop) => isIP(hop) !== 0);
  if (hops.length === 0) return normalizeAddress(peer);
  if (trust.mode === "all") return hops[0]!;
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isTrustedPeer(trust, hops[i])) return hops[i]!;
  }
  return hops[0]!;
}
