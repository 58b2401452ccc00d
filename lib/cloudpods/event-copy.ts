import { isPlainObject } from "./parse-json";
import { parseLenientJson } from "./lenient-json";
import { VERIFICATION_TEXTS } from "./vocabulary";

/** The top-level fields of an event message, as the platform builds it. */
export const EVENT_FIELDS = ["action", "resource_type", "result", "resource_details"] as const;
const MARKER_FIELDS = ["action", "resource_type", "resource_details"] as const;

export function isEventMessage(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && MARKER_FIELDS.some((field) => field in value);
}

/** Cheap test for the message string the platform repeats under msg_key: its JSON of
 *  the event, so "{" then sorted keys. Spares parsing text that cannot be an event. */
export function looksLikeEvent(text: string): boolean {
  return text.startsWith("{") && MARKER_FIELDS.some((field) => text.includes(`"${field}":`));
}

/** The event in the message copy, read leniently: older releases write raw control
 *  characters inside it too. */
export function parseEventCopy(text: unknown): Record<string, unknown> | null {
  if (typeof text !== "string" || !looksLikeEvent(text)) return null;
  const parsed = parseLenientJson(text);
  return parsed.ok && isEventMessage(parsed.value) ? parsed.value : null;
}

/** The key holding the message: the expected one when it holds text, else any string key
 *  whose value is the event again (a custom msg_key the endpoint was not told about). */
export function findMessageKey(body: Record<string, unknown>, expected: string, isEvent: boolean) {
  const atExpected = body[expected];
  if (typeof atExpected === "string") {
    if (!isEvent || looksLikeEvent(atExpected)) return expected;
  }
  if (isEvent) {
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === "string" && looksLikeEvent(value)) return key;
    }
    return null;
  }
  const strings = Object.entries(body).filter(([, value]) => typeof value === "string");
  const verification = strings.find(([, value]) => VERIFICATION_TEXTS.includes(String(value)));
  if (verification) return verification[0];
  if (typeof body.Msg === "string") return "Msg";
  return strings.length === 1 ? (strings[0]?.[0] ?? null) : null;
}

export function stringOrNull(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

export function lowerOrNull(value: unknown): string | null {
  const text = stringOrNull(value);
  return text === null || text === "" ? null : text.toLowerCase();
}

function sameDetails(a: unknown, b: unknown): boolean {
  if (!isPlainObject(a) || !isPlainObject(b)) return a === b;
  // id, name, status and the number of keys tell a replaced resource_details apart
  // without walking both trees on every delivery.
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.status === b.status &&
    Object.keys(a).length === Object.keys(b).length
  );
}

/** The event fields where the top-level body and the platform's copy differ. */
export function fieldsDiffering(top: Record<string, unknown>, copy: Record<string, unknown>) {
  return EVENT_FIELDS.filter((field) =>
    field === "resource_details"
      ? !sameDetails(top[field], copy[field])
      : lowerOrNull(top[field]) !== lowerOrNull(copy[field]),
  );
}
