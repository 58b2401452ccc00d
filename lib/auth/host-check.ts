import type { IncomingMessage } from "node:http";
import { getDatabase } from "../db/sqlite";
import { hostnameOf, hostnameOfUrl, isAllowedHost } from "../http/allowed-host";

/**
 * The gate's Host check without a trusted proxy (lib/http/allowed-host.ts). The names
 * allowed are HOOKLENS_ALLOWED_HOSTS, HOOKLENS_PUBLIC_URL's host and the host of the
 * public base URL saved in the setup wizard (read when needed: it can change at runtime).
 */
export function createHostCheck(options: { allowedHosts: string[]; publicUrl?: string }) {
  const fixed = [...options.allowedHosts];
  const configured = hostnameOfUrl(options.publicUrl);
  if (configured) fixed.push(configured);
  let statement: { get(): unknown } | undefined;
  const saved = () => {
    statement ??= getDatabase()
      .prepare("SELECT value FROM settings WHERE key = 'public_base_url'")
      .pluck();
    const value = statement.get();
    return typeof value === "string" ? hostnameOfUrl(value) : null;
  };

  return {
    allows(host: string | undefined): boolean {
      if (isAllowedHost(host, fixed)) return true;
      const name = saved();
      return name !== null && hostnameOf(host) === name;
    },
    /** A Host naming this server for answers to a request whose own Host does not count. */
    ownHost(req: IncomingMessage): string {
      if (options.publicUrl) return new URL(options.publicUrl).host;
      const address = req.socket.localAddress ?? "127.0.0.1";
      const host = address.includes(":") ? `[${address}]` : address;
      return `${host}:${req.socket.localPort ?? 80}`;
    },
  };
}

export function hostRefusalMessage(host: string): string {
  return (
    `Host ${JSON.stringify(host.slice(0, 64))} is not a name of this server. List it in ` +
    "HOOKLENS_ALLOWED_HOSTS (comma-separated) or set HOOKLENS_PUBLIC_URL, or use the IP address."
  );
}
