import { getConfig } from "../config";

/**
 * The public base URL receivers are reached at: HOOKLENS_PUBLIC_URL when Hooklens sits
 * behind a proxy, else what the browser or client used to reach us.
 */
export function publicBaseUrl(
  request: Request | null,
  configured = getConfig().HOOKLENS_PUBLIC_URL,
): string {
  if (configured) return configured.replace(/\/+$/, "");
  if (!request) return `http://localhost:${getConfig().PORT}`;
  const url = new URL(request.url);
  const proto =
    request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ??
    url.protocol.replace(":", "");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  return `${proto}://${host}`;
}

export function receiverUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/api/hooks/${token}`;
}
