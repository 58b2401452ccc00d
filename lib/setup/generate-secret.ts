/**
 * A random secret_key for the robot: 32 bytes as 64 hex characters (the platform allows
 * 128). getRandomValues works in the browser on plain-HTTP pages too, unlike randomUUID.
 */
export function generateSecret(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
