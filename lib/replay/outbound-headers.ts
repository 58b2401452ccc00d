import type { HeaderPairs } from "../cloudpods/headers";

/**
 * The headers a replay sends, from the headers it is given (stored, rendered or edited).
 * Pure. Hop-by-hop headers belonged to the connection the delivery came on, Expect to
 * that sender's handshake; Host and Content-Length are recomputed for the new target and
 * body, in the place they had, so the order of everything else is kept as received.
 */
export const HOP_BY_HOP: ReadonlySet<string> = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "expect",
]);

const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// What Node's HTTP client can write (it refuses anything else with a throw): tab, visible
// ASCII and space, and the bytes 0x80-0xff, one character each (latin1, as headers are
// received). Never CR, LF, NUL, other controls, DEL, or characters above U+00FF.
const HEADER_VALUE = /^[\t\u0020-\u007e\u0080-\u00ff]*$/;

export function headerNameProblem(name: string): string | null {
  return HTTP_TOKEN.test(name) ? null : `"${name}" is not a valid HTTP header name`;
}

export function headerValueProblem(name: string, value: string): string | null {
  if (HEADER_VALUE.test(value)) return null;
  if (/[\r\n\0]/.test(value)) return `the value of ${name} contains a line break or NUL`;
  const bad = [...value].find((char) => !HEADER_VALUE.test(char))!;
  const code = `U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  return bad.codePointAt(0)! > 0xff
    ? `the value of ${name} contains ${code}: a header carries only characters up to U+00FF (one byte each)`
    : `the value of ${name} contains the control character ${code}`;
}

/** The names a Connection header lists: hop-by-hop for that connection only. */
function connectionListed(headers: HeaderPairs): Set<string> {
  const listed = new Set<string>();
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== "connection") continue;
    for (const token of value.split(",")) if (token.trim()) listed.add(token.trim().toLowerCase());
  }
  return listed;
}

/** What the target sees as Host: the URL's host, with the port only when not default. */
export function hostHeader(url: URL): string {
  return url.host;
}

export function outboundHeaders(
  headers: HeaderPairs,
  target: URL,
  bodyLength: number,
  connection: "close" | "keep-alive" = "close",
): HeaderPairs {
  const listed = connectionListed(headers);
  const out: HeaderPairs = [];
  let hasHost = false;
  let hasLength = false;
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || listed.has(lower)) continue;
    if (lower === "host") {
      if (!hasHost) out.push([name, hostHeader(target)]);
      hasHost = true;
    } else if (lower === "content-length") {
      if (!hasLength) out.push([name, String(bodyLength)]);
      hasLength = true;
    } else {
      out.push([name, value]);
    }
  }
  if (!hasHost) out.unshift(["Host", hostHeader(target)]);
  if (!hasLength) out.push(["Content-Length", String(bodyLength)]);
  // Node adds this itself; writing it here makes the recorded request the one on the wire.
  out.push(["Connection", connection]);
  return out;
}

/** Headers as Node's flat raw form [k1, v1, k2, v2...], which keeps case, order and repeats. */
export function rawHeaderList(headers: HeaderPairs): string[] {
  return headers.flatMap(([name, value]) => [name, value]);
}
