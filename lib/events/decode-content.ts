import type { HeaderPairs } from "../cloudpods/headers";
import { contentDictionaryLoader } from "../db/queries/content-dictionaries";
import { decodeBytes } from "../storage/content-codec";

/** The stored bytes of a delivery back as received (after redaction). */
export function decodeContent(row: { encoding: string; headers: Uint8Array; body: Uint8Array }): {
  headers: HeaderPairs;
  body: Buffer;
} {
  const load = contentDictionaryLoader();
  return {
    headers: JSON.parse(
      decodeBytes(row.encoding, row.headers, load).toString("utf8"),
    ) as HeaderPairs,
    body: decodeBytes(row.encoding, row.body, load),
  };
}
