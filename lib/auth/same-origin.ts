/**
 * CSRF defence for cookie-authenticated requests: a browser marks every request with
 * Sec-Fetch-Site (secure contexts, localhost included) and every non-GET request with
 * Origin, and a cross-site page can set neither. Bearer requests need none of this: a
 * browser never attaches that header by itself.
 */
export type Headers = (name: string) => string | undefined;

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/** The hosts this server is reached at: Host, X-Forwarded-Host and HOOKLENS_PUBLIC_URL. */
function ownHosts(header: Headers, publicUrl: string | undefined): string[] {
  const hosts = [header("host"), header("x-forwarded-host")?.split(",")[0]]
    .map((host) => host?.trim().toLowerCase())
    .filter((host): host is string => Boolean(host));
  const configured = publicUrl ? hostOf(publicUrl) : null;
  if (configured) hosts.push(configured);
  return hosts;
}

export type OriginVerdict = "same" | "cross" | "unknown";

/** "unknown" when the request carries neither Sec-Fetch-Site nor Origin (not a browser). */
export function requestOrigin(header: Headers, publicUrl?: string): OriginVerdict {
  const site = header("sec-fetch-site")?.toLowerCase();
  if (site) return site === "same-origin" ? "same" : "cross";
  const origin = header("origin");
  if (origin === undefined) return "unknown";
  const host = hostOf(origin);
  return host !== null && ownHosts(header, publicUrl).includes(host) ? "same" : "cross";
}

export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
