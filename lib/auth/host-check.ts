import type { IncomingMessage } from "node:http";
import { PUBLIC_URL_SETTING, readSetting } from "../db/queries/settings";
import { hostnameOf, hostnameOfUrl, isAllowedHost } from "../http/allowed-host";

/**
 * The gate's Host check without a trusted proxy (lib/http/allowed-host.ts). The names
 * allowed are HOOKLENS_ALLOWED_HOSTS, HOOKLENS_PUBLIC_URL's host and the host of the
 * public base URL saved in the setup wizard (read when needed: it can change at runtime,
 * on any instance). Only a Host the fixed names do not cover waits for that read.
 */
export function createHostCheck(options: { allowedHosts: string[]; publicUrl?: string }) {
  const fixed = [...options.allowedHosts];
  const configured = hostnameOfUrl(options.publicUrl);
  if (configured) fixed.push(configured);
  return {
    /** true or false at once for the fixed names, else after reading the saved URL. */
    allows(host: string | undefined): boolean | Promise<boolean> {
      if (isAllowedHost(host, fixed)) return true;
      return readSetting(PUBLIC_URL_SETTING).then((value) => {
        const name = value ? hostnameOfUrl(value) : null;
        return name !== null && hostnameOf(host) === name;
      });
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
