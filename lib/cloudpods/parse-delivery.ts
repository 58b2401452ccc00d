import { parseEventType } from "./event-type";
import { getHeader, type HeaderPairs } from "./headers";
import { isPlainObject, parseJson } from "./parse-json";
import { DEFAULT_MESSAGE_KEY, VERIFICATION_TEXTS } from "./vocabulary";

export type DeliveryKind = "event" | "verification" | "text" | "unparsed";

/** What the receiving endpoint expects of the robot (its msg_key and body extras). */
export type RobotExpectation = {
  msgKey?: string | null;
};

export type ParsedDelivery = {
  kind: DeliveryKind;
  eventType: string | null;
  resourceType: string | null;
  action: string | null;
  result: string | null;
  resourceId: string | null;
  resourceName: string | null;
  messageKey: string | null;
  /** The decoded message text (for an event, the JSON of the event). */
  message: string | null;
  payload: unknown;
  resourceDetails: Record<string, unknown> | null;
  parseError: string | null;
  /** message_overwritten: a robot body key replaced the message text. */
  warnings: string[];
};

const EVENT_FIELDS = ["action", "resource_type", "resource_details"] as const;

function isEventMessage(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && EVENT_FIELDS.some((field) => field in value);
}

function stringOrNull(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

function lowerOrNull(value: unknown): string | null {
  const text = stringOrNull(value);
  return text === null || text === "" ? null : text.toLowerCase();
}

/** Cheap test for the message string the platform repeats under msg_key: Go's JSON of
 *  the event, so "{" then sorted keys. Spares parsing the event a second time. */
function looksLikeEvent(text: string): boolean {
  return text.startsWith("{") && EVENT_FIELDS.some((field) => text.includes(`"${field}":`));
}

function tryParseEvent(text: string): Record<string, unknown> | null {
  if (!text.startsWith("{")) return null;
  const parsed = parseJson(text);
  return parsed.ok && isEventMessage(parsed.value) ? parsed.value : null;
}

/** The key holding the message: the expected one when it holds text, else any string key
 *  whose value is the event again (a custom msg_key the endpoint was not told about). */
function findMessageKey(body: Record<string, unknown>, expected: string, isEvent: boolean) {
  if (typeof body[expected] === "string") {
    if (!isEvent || looksLikeEvent(body[expected])) return expected;
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
  if (typeof body[DEFAULT_MESSAGE_KEY] === "string") return DEFAULT_MESSAGE_KEY;
  return strings.length === 1 ? (strings[0]?.[0] ?? null) : null;
}

function emptyParse(eventType: string | null): ParsedDelivery {
  const fromHeader = parseEventType(eventType);
  return {
    kind: "unparsed",
    eventType,
    resourceType: fromHeader?.resourceType ?? null,
    action: fromHeader?.action ?? null,
    result: fromHeader?.result ?? null,
    resourceId: null,
    resourceName: null,
    messageKey: null,
    message: null,
    payload: null,
    resourceDetails: null,
    parseError: null,
    warnings: [],
  };
}

/**
 * Classifies one delivery the way the platform builds it (see cloudpods-webhook.md):
 * event bodies (default or custom msg_key, robot body extras), template text,
 * validation messages in their three variants, and anything else as unparsed.
 * `text` is the body decoded as UTF-8, or null when the bytes were not valid UTF-8.
 */
export function parseDelivery(options: {
  headers: HeaderPairs;
  text: string | null;
  robot?: RobotExpectation;
  maxDepth?: number;
}): ParsedDelivery {
  const eventType = getHeader(options.headers, "x-yunion-event");
  const out = emptyParse(eventType);
  if (options.text === null) return { ...out, parseError: "body is not valid UTF-8" };
  const parsed = parseJson(options.text, options.maxDepth);
  if (!parsed.ok) return { ...out, parseError: parsed.error };
  if (!isPlainObject(parsed.value)) {
    return { ...out, payload: parsed.value, parseError: "body is JSON but not an object" };
  }
  const body = parsed.value;
  const expectedKey = options.robot?.msgKey || DEFAULT_MESSAGE_KEY;
  out.payload = body;

  let event: Record<string, unknown> | null = isEventMessage(body) ? body : null;
  let messageKey = findMessageKey(body, expectedKey, event !== null);
  if (event === null && messageKey !== null) {
    // A body that carries only the message (no top-level event fields): the event is inside.
    event = tryParseEvent(body[messageKey] as string);
  }
  if (event !== null && messageKey === null && expectedKey in body) {
    out.warnings.push("message_overwritten");
    messageKey = expectedKey;
  }
  out.messageKey = messageKey;
  out.message = messageKey === null ? null : stringOrNull(body[messageKey]);

  const fromHeader = parseEventType(eventType);
  if (event !== null) {
    const details = isPlainObject(event.resource_details) ? event.resource_details : null;
    out.kind = "event";
    out.resourceType = lowerOrNull(event.resource_type) ?? fromHeader?.resourceType ?? null;
    out.action = lowerOrNull(event.action) ?? fromHeader?.action ?? null;
    out.result = lowerOrNull(event.result) ?? fromHeader?.result ?? "succeed";
    out.resourceDetails = details;
    out.resourceId = stringOrNull(details?.id) ?? stringOrNull(details?.name);
    out.resourceName = stringOrNull(details?.name);
    return out;
  }

  const text = out.message ?? "";
  const header = eventType?.trim() ?? null;
  const isVerification =
    header === "" ||
    header?.toUpperCase() === "VALIDATE" ||
    (fromHeader === null && VERIFICATION_TEXTS.includes(text.trim()));
  if (isVerification) return { ...out, kind: "verification" };
  return { ...out, kind: "text" };
}
