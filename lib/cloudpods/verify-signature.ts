import { createHmac, timingSafeEqual } from "node:crypto";

/** hex(HMAC-SHA256(secretKey, body)): the X-Auth-Token of newer platform releases. */
export function signBody(secretKey: string, body: Uint8Array | string): string {
  return createHmac("sha256", secretKey).update(body).digest("hex");
}

/**
 * Checks X-Auth-Token over the exact bytes received, in constant time. A token of the
 * wrong length or not hex fails without a timing hint about the expected value.
 */
export function verifySignature(
  secretKey: string,
  body: Uint8Array,
  token: string | null | undefined,
): boolean {
  if (!token) return false;
  const expected = createHmac("sha256", secretKey).update(body).digest();
  const given = /^[0-9a-fA-F]{64}$/.test(token.trim())
    ? Buffer.from(token.trim(), "hex")
    : Buffer.alloc(expected.length);
  const equal = timingSafeEqual(expected, given);
  return equal && given.length === expected.length && /^[0-9a-fA-F]{64}$/.test(token.trim());
}
