import { processSingleton } from "../process-singleton";

const texts = processSingleton("kept-json-texts", () => new WeakMap<object, string>());

/**
 * JSON.stringify of an object that never changes (a parsed snapshot shared through the
 * details cache), written once and kept while the object lives. A resource of 100,000
 * keys spent ~100 ms of every timeline answer writing the same state again (issue 13).
 */
export function keptJson(value: object): string {
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
}

/** Response.json of `body` with `value` under `key` (last), written through keptJson. */
export function jsonWithKept(body: Record<string, unknown>, key: string, value: unknown): Response {
  const head = JSON.stringify(body);
  const tail =
    value !== null && typeof value === "object" ? keptJson(value) : JSON.stringify(value);
  const separator = head === "{}" ? "" : ",";
  return new Response(`${head.slice(0, -1)}${separator}${JSON.stringify(key)}:${tail ?? "null"}}`, {
    headers: { "content-type": "application/json" },
  });
}
