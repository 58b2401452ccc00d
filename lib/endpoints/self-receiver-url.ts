import { getConfig } from "../config";

const ANY_ADDRESS = new Set(["", "0.0.0.0", "::", "[::]"]);

/**
 * This server's own receiver URL as reached from inside the process: the address it
 * listens on (loopback when it listens on all addresses), never the public base URL,
 * which may name a proxy the server itself cannot reach.
 */
export function selfReceiverUrl(token: string, config = getConfig()): URL {
  const host = ANY_ADDRESS.has(config.HOST)
    ? "127.0.0.1"
    : config.HOST.includes(":")
      ? `[${config.HOST}]`
      : config.HOST;
  return new URL(`http://${host}:${config.PORT}/api/hooks/${encodeURIComponent(token)}`);
}
