import { inflateRawSync } from "node:zlib";
import type { HeaderPairs } from "../cloudpods/headers";

/** The stored bytes of a delivery back as received (after redaction). */
export function decodeContent(row: { encoding: string; headers: Uint8Array; body: Uint8Array }): {
  headers: HeaderPairs;
  body: Buffer;
} {
  const inflate = (bytes: Uint8Array) =>
    row.encoding === "deflate-raw" ? inflateRawSync(bytes) : Buffer.from(bytes);
  return {
    headers: JSON.parse(inflate(row.headers).toString("utf8")) as HeaderPairs,
    body: inflate(row.body),
  };
}
