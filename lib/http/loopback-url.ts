import { classifyAddress } from "../replay/address-guard";

/**
 * True when a base URL names this machine only (localhost, 127.0.0.0/8, ::1, 0.0.0.0):
 * the platform's notify service, on another host, cannot deliver there.
 */
export function isLoopbackUrl(base: string): boolean {
  let host: string;
  try {
    host = new URL(base).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const addressClass = classifyAddress(host);
  return addressClass === "loopback" || addressClass === "unspecified";
}

/** What to do about it, in one line (the console at start, the wizard, the endpoints page). */
export const LOOPBACK_ADVICE =
  "The platform cannot reach localhost: set HOOKLENS_PUBLIC_URL (or the public base URL in the setup wizard) to an address the platform's notify service can reach, e.g. HOOKLENS_PUBLIC_URL=http://10.0.0.5:3000 npm start.";
