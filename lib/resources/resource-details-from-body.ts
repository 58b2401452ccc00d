import { isPlainObject } from "../cloudpods/parse-json";

type Json = Record<string, unknown>;

const EVENT_FIELDS = ["action", "resource_type", "resource_details"];

function parseObject(text: string): Json | null {
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * The resource_details of a stored event body (after redaction, so no secret reaches a
 * diff). Mirrors parseDelivery's reading: the body is the event when it has the event's
 * fields; otherwise the event is the JSON text under the message key. A full
 * parseDelivery would also re-parse the message text of every body, twice the work
 * for a timeline that reads hundreds of bodies.
 */
export function resourceDetailsFromBody(text: string, messageKey: string | null): Json | null {
  const body = parseObject(text);
  if (!body) return null;
  const details = eventDetailsOfBody(body);
  if (details !== undefined) return details;
  if (messageKey === null) return null;
  const message = body[messageKey];
  if (typeof message !== "string" || !message.startsWith("{")) return null;
  const event = parseObject(message);
  return event && isPlainObject(event["resource_details"]) ? event["resource_details"] : null;
}

/**
 * What resourceDetailsFromBody reads from a body already parsed, when the body is the
 * event itself; undefined when the event would come from the message text instead.
 */
export function eventDetailsOfBody(body: unknown): Json | null | undefined {
  if (!isPlainObject(body)) return null;
  if (!EVENT_FIELDS.some((field) => field in body)) return undefined;
  const details = body["resource_details"];
  return isPlainObject(details) ? details : null;
}
