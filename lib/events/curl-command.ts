import type { HeaderPairs } from "../cloudpods/headers";
import { ansiCQuote, shellQuote as quote, TERMINAL_ACTIONABLE } from "../shell/shell-quote";

/** Headers that describe one connection, not the request: curl makes its own. */
const CONNECTION_HEADERS = new Set([
  "host",
  "content-length",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "proxy-connection",
  "expect",
]);

/** curl adds these by itself unless told otherwise (`-H 'Name:'` removes one). */
const CURL_DEFAULTS = ["User-Agent", "Accept", "Content-Type"];

const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;

/** Every argument quoted, even a plain word, so that the command reads uniformly. */
const shellQuote = (text: string) => quote(text, { bare: false });

/** Header values arrive as bytes, read one character per byte (latin1): anything but
 *  printable ASCII goes as \xNN of that byte, so curl sends the same byte again. */
function headerQuote(text: string): string {
  return PRINTABLE_ASCII.test(text) ? shellQuote(text) : ansiCQuote(text, true);
}

/** Base64 of the UTF-8 bytes, without Node's Buffer (this runs in the browser too). */
function utf8Base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** `-H` for one header: `Name;` is curl's way to send a header with an empty value. */
function headerArgument(name: string, value: string): string {
  return `-H ${headerQuote(value === "" ? `${name};` : `${name}: ${value}`)}`;
}

/**
 * A curl command line that sends the stored request again, as received: the same
 * method, header names in their case and order, empty headers, and the body bytes
 * unchanged (through base64 when they are not text a shell argument can hold, or hold
 * a character a terminal could act on). Headers
 * curl would add on its own and the original lacked are switched off.
 */
export function curlCommand(options: {
  url: string;
  headers: HeaderPairs;
  body: string;
  /** Set when the body is not valid UTF-8: the exact bytes, base64. */
  bodyBase64?: string | null;
}): string {
  const sent = options.headers.filter(([name]) => !CONNECTION_HEADERS.has(name.toLowerCase()));
  const names = new Set(sent.map(([name]) => name.toLowerCase()));
  // --data-binary makes it a POST, as the platform always sends.
  const args = [`curl ${shellQuote(options.url)}`];
  for (const [name, value] of sent) args.push(headerArgument(name, value));
  for (const name of CURL_DEFAULTS) {
    if (!names.has(name.toLowerCase())) args.push(`-H ${shellQuote(`${name}:`)}`);
  }
  // Older curl asks large bodies for "Expect: 100-continue"; the platform never does.
  args.push(`-H ${shellQuote("Expect:")}`);
  // Bytes a terminal could act on never reach it raw: such bodies go through base64.
  const binary = options.bodyBase64 != null || TERMINAL_ACTIONABLE.test(options.body);
  if (binary) {
    const base64 = options.bodyBase64 ?? utf8Base64(options.body);
    args.push("--data-binary @-");
    return `printf %s ${shellQuote(base64)} | base64 -d | ${args.join(" \\\n  ")}`;
  }
  args.push(`--data-binary ${shellQuote(options.body)}`);
  return args.join(" \\\n  ");
}
