/** Headers as received: [name, value] pairs in order, names in their original case. */
export type HeaderPairs = Array<[string, string]>;

/** The first value of a header, matched case-insensitively; null when absent. */
export function getHeader(headers: HeaderPairs, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [key, value] of headers) {
    if (key.toLowerCase() === wanted) return value;
  }
  return null;
}

/** Node's rawHeaders ([k1, v1, k2, v2, ...]) as pairs. */
export function pairsFromRawHeaders(raw: readonly string[]): HeaderPairs {
  const pairs: HeaderPairs = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] ?? "", raw[i + 1] ?? ""]);
  return pairs;
}
