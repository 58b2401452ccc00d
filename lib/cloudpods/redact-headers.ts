import type { HeaderPairs } from "./headers";
import { REDACTED } from "./redact-secrets";

/** Headers that carry a credential for the receiver itself (a robot `header` may set them). */
const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization", "cookie"]);

/**
 * Redacts credential headers, and X-Auth-Token once the body was redacted: it is an
 * HMAC of the original bytes, so with the rest of the body stored it would let a guessed
 * password be checked offline. Names and order stay as received.
 */
export function redactHeaders(headers: HeaderPairs, bodyRedacted: boolean): HeaderPairs {
  return headers.map(([name, value]) => {
    const lower = name.toLowerCase();
    const secret = CREDENTIAL_HEADERS.has(lower) || (bodyRedacted && lower === "x-auth-token");
    return [name, secret ? REDACTED : value];
  });
}
