import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares two secrets in time that does not depend on where they differ or on their
 * lengths: both sides are hashed to 32 bytes first, then compared with timingSafeEqual.
 */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}
