import { eventHeaderForm, type EventHeaderForm } from "./detect-release";
import { warning } from "./delivery-warnings";
import {
  fieldsDiffering,
  findMessageKey,
  isEventMessage,
  lowerOrNull,
  parseEventCopy,
  stringOrNull,
} from "./event-copy";
import { parseEventType, type ParsedEventType } from "./event-type";
import { getHeader, type HeaderPairs } from "./headers";
import { parseLenientJson } from "./lenient-json";
import { isPlainObject, type JsonParse } from "./parse-json";
import { DEFAULT_MESSAGE_KEY, VERIFICATION_TEXTS } from "./vocabulary";

export type DeliveryKind = "event" | "verification" | "text" | "unparsed" | "redirected";

/** What the receiving endpoint expects of the robot: its msg_key and its body's keys. */
export type RobotExpectation = {
  msgKey?: string | null;
  bodyKeys?: readonly string[];
};

export type ParsedDelivery = {
  kind: DeliveryKind;
  eventType: string | null;
  headerForm: EventHeaderForm;
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
  /** Codes of lib/cloudpods/delivery-warnings.ts. */
  warnings: string[];
  /** An event: whether the platform's copy of the message came under msg_key, and a result. */
  hasCopy: boolean;
  hasResult: boolean;
};

function emptyParse(eventType: string | null): ParsedDelivery {
  const fromHeader = parseEventType(eventType);
  return {
    kind: "unparsed",
    eventType,
    headerForm: eventHeaderForm(eventType),
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
    hasCopy: false,
    hasResult: false,
  };
}

function parseLeniently(text: string, maxDepth: number | undefined, warnings: string[]): JsonParse {
  const parsed = parseLenientJson(text, maxDepth);
  if (parsed.lenient) warnings.push(warning("raw_control_characters"));
  return parsed;
}

/** Bare bodies have no copy: X-Yunion-Event is the platform's word on the event. A field
 *  the robot's body sets is taken from the header, any other disagreement only warned. */
function reconcileWithHeader(
  event: Record<string, unknown>,
  header: ParsedEventType,
  robotKeys: ReadonlySet<string>,
  out: ParsedDelivery,
): Record<string, unknown> {
  const fields: Array<"resource_type" | "action" | "result"> = ["resource_type", "action"];
  // Up to 3.7 the body has no result at all, while the topic header may name one
  // (USER/LOCK/SUCCEED): the header then says it, and nothing disagrees.
  if (header.result && lowerOrNull(event.result) !== null) fields.push("result");
  const said = { resource_type: header.resourceType, action: header.action, result: header.result };
  const differing = fields.filter((field) => lowerOrNull(event[field]) !== said[field]);
  if (differing.length === 0) return event;
  const replaced = differing.filter((field) => robotKeys.has(field));
  if (replaced.length > 0) out.warnings.push(warning("event_fields_overridden", replaced));
  const other = differing.filter((field) => !robotKeys.has(field));
  if (other.length > 0) out.warnings.push(warning("header_disagrees", other));
  const fixed = { ...event };
  for (const field of replaced) fixed[field] = said[field];
  return fixed;
}

function readEvent(
  top: Record<string, unknown> | null,
  copy: Record<string, unknown> | null,
  robotKeys: ReadonlySet<string>,
  out: ParsedDelivery,
): Record<string, unknown> | null {
  const header = parseEventType(out.eventType);
  if (copy === null) {
    if (top === null) return null;
    return header ? reconcileWithHeader(top, header, robotKeys, out) : top;
  }
  out.hasCopy = true;
  if (top !== null) {
    const differing = fieldsDiffering(top, copy);
    const replaced = differing.filter((field) => robotKeys.has(field));
    const other = differing.filter((field) => !robotKeys.has(field));
    if (replaced.length > 0) out.warnings.push(warning("event_fields_overridden", replaced));
    if (other.length > 0) out.warnings.push(warning("copy_disagrees", other));
  }
  return copy;
}

/** A GET or HEAD at a receiver URL: what the platform sends after following a
 *  301/302/303 redirect, with the body gone. Kept, answered 200, shown as a problem. */
export function parseRedirected(headers: HeaderPairs, method: string): ParsedDelivery {
  const out = emptyParse(getHeader(headers, "x-yunion-event"));
  return { ...out, kind: "redirected", warnings: [warning("redirected_request", [method])] };
}

/**
 * Classifies one delivery the way the platform builds it (see cloudpods-webhook.md):
 * event bodies of every release (bare, or with the copy under a default or custom
 * msg_key, robot body extras), template text, validation messages in their variants,
 * and anything else as unparsed. `text` is the body decoded as UTF-8, or null when the
 * bytes were not valid UTF-8.
 */
export function parseDelivery(options: {
  headers: HeaderPairs;
  text: string | null;
  robot?: RobotExpectation;
  maxDepth?: number;
}): ParsedDelivery {
  const out = emptyParse(getHeader(options.headers, "x-yunion-event"));
  if (options.text === null) return { ...out, parseError: "body is not valid UTF-8" };
  const parsed = parseLeniently(options.text, options.maxDepth, out.warnings);
  if (!parsed.ok) return { ...out, parseError: parsed.error };
  if (!isPlainObject(parsed.value)) {
    return { ...out, payload: parsed.value, parseError: "body is JSON but not an object" };
  }
  const body = parsed.value;
  const expectedKey = options.robot?.msgKey || DEFAULT_MESSAGE_KEY;
  // A msg_key named like an event field replaces that field as surely as a body key.
  const robotKeys = new Set([...(options.robot?.bodyKeys ?? []), expectedKey]);
  out.payload = body;

  const top = isEventMessage(body) ? body : null;
  let messageKey = findMessageKey(body, expectedKey, top !== null);
  const copy = messageKey === null ? null : parseEventCopy(body[messageKey]);
  out.messageKey = messageKey;
  const event = readEvent(top, copy, robotKeys, out);
  if (event !== null && messageKey === null && expectedKey in body) {
    out.warnings.push(warning("message_overwritten"));
    messageKey = expectedKey;
  }
  out.messageKey = messageKey;
  out.message = messageKey === null ? null : stringOrNull(body[messageKey]);

  const fromHeader = parseEventType(out.eventType);
  if (event !== null) {
    const details = isPlainObject(event.resource_details) ? event.resource_details : null;
    out.kind = "event";
    out.hasResult = "result" in event;
    out.resourceType = lowerOrNull(event.resource_type) ?? fromHeader?.resourceType ?? null;
    out.action = lowerOrNull(event.action) ?? fromHeader?.action ?? null;
    out.result = lowerOrNull(event.result) ?? fromHeader?.result ?? "succeed";
    out.resourceDetails = details;
    out.resourceId = stringOrNull(details?.id) ?? stringOrNull(details?.name);
    // System events (service_abnormal) name the service, not a resource.
    out.resourceName = stringOrNull(details?.name) ?? stringOrNull(details?.service_name);
    return out;
  }

  // Template text that is itself a JSON object is merged into the body, under no key.
  if (messageKey === null && out.headerForm === "slashed") out.message = options.text;
  const text = (out.message ?? "").trim();
  const noEvent = out.headerForm === "absent" || out.headerForm === "empty";
  const isVerification =
    out.headerForm === "validate" || (noEvent && VERIFICATION_TEXTS.includes(text));
  return { ...out, kind: isVerification ? "verification" : "text" };
}
