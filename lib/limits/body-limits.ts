import { pathOf, publicPath } from "../auth/public-paths";

/**
 * How large a request body may be, by route. Login and logout are read before anyone has
 * shown the admin token, so their bodies are held to a few KiB (a 1,024-character token
 * fits with room for JSON escapes); every other route answers only the admin, and its
 * largest body is an edited replay (4 MiB of text, more once JSON-escaped). Receivers
 * have their own cap, HOOKLENS_MAX_BODY_BYTES.
 */
export const OPEN_BODY_BYTES = 8 * 1024;
export const API_BODY_BYTES = 32 * 1024 * 1024;

/** The cap for a request target, or null for the receiver (capped by its own setting). */
export function bodyLimitFor(target: string): number | null {
  const open = publicPath(pathOf(target));
  if (open === "receiver") return null;
  return open === null ? API_BODY_BYTES : OPEN_BODY_BYTES;
}
