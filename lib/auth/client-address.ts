import { getConfig } from "../config";
/**
 * The peer address of a request, as the access gate in server.ts saw it on the socket.
 * The gate overwrites this header on every request, so a client cannot choose it.
 */
export const CLIENT_ADDRESS_HEADER = "x-hooklens-client-address";

export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}

/**
 * Whether the browser reached us over https: what a trusted proxy says in
 * X-Forwarded-Proto (the access gate deletes it from anyone else), else the scheme of
 * HOOKLENS_PUBLIC_URL, else the connection's own.
 */
export function servedOverHttps(
  forwardedProto: string | null | undefined,
  publicUrl: string | undefined,
  connectionHttps: boolean,
): boolean {
  const forwarded = forwardedProto?.split(",")[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === "https";
  if (publicUrl?.startsWith("https:")) return true;
  return connectionHttps;
}

/** Whether the browser reached us over https (directly, or through a proxy that says so). */
export function isSecureRequest(
  request: Request,
  publicUrl = getConfig().HOOKLENS_PUBLIC_URL,
): boolean {
  return servedOverHttps(
    request.headers.get("x-forwarded-proto"),
    publicUrl,
    new URL(request.url).protocol === "https:",
  );
}
