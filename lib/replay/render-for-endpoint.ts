import type { HeaderPairs } from "../cloudpods/headers";
import { isPlainObject } from "../cloudpods/parse-json";
import {
  renderDelivery,
  type EventMessage,
  type RenderInput,
  type RobotSettings,
} from "../cloudpods/render-delivery";
import { renderingReleaseOf } from "../cloudpods/platform-releases";
import type { DeliveryDetail } from "../events/delivery-types";

/**
 * An endpoint-mode replay: the stored delivery's message sent as the platform would send
 * it to a robot with another endpoint's settings (header, body extras, msg_key, template
 * mode, and a fresh X-Auth-Token from its secret_key). Pure.
 */
export type StoredMessage = Pick<
  DeliveryDetail,
  "kind" | "event_type" | "payload" | "message" | "resource_type" | "action" | "result"
> &
  Partial<Pick<DeliveryDetail, "release">>;

export type EndpointRender =
  { ok: true; headers: HeaderPairs; body: Buffer } | { ok: false; reason: string };

function parseObject(text: string | null): Record<string, unknown> | null {
  if (!text?.trimStart().startsWith("{")) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value) ? value : null;
  } catch {
    return null;
  }
}

function asText(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The event message as the platform built it: the msg_key copy when it is intact (robot
 *  body extras may have changed top-level keys), else the body's own event fields. */
export function eventMessageOf(delivery: StoredMessage): EventMessage | null {
  const payload = isPlainObject(delivery.payload) ? delivery.payload : {};
  const copy = parseObject(delivery.message);
  const source = copy && ("resource_details" in copy || "action" in copy) ? copy : payload;
  const resourceType = asText(source.resource_type) ?? delivery.resource_type;
  const action = asText(source.action) ?? delivery.action;
  if (!resourceType || !action) return null;
  const details = isPlainObject(source.resource_details) ? source.resource_details : {};
  const result = asText(source.result) ?? delivery.result ?? undefined;
  return {
    action,
    resource_type: resourceType,
    resource_details: details,
    ...(result ? { result } : {}),
  };
}

export function renderInputOf(delivery: StoredMessage): RenderInput | string {
  if (delivery.kind === "event") {
    const event = eventMessageOf(delivery);
    if (!event) return "the delivery's event has no resource_type or action to re-render";
    return {
      kind: "event",
      event,
      ...(delivery.event_type ? { eventType: delivery.event_type } : {}),
    };
  }
  if (delivery.kind === "text" || delivery.kind === "verification") {
    if (delivery.message === null) return "the delivery has no message text to re-render";
    return { kind: "text", text: delivery.message, eventType: delivery.event_type };
  }
  return "an unparsed delivery can only be replayed exactly";
}

/** Rendered like the release that sent the stored delivery (its shape says which). */
export function renderForEndpoint(delivery: StoredMessage, robot: RobotSettings): EndpointRender {
  const input = renderInputOf(delivery);
  if (typeof input === "string") return { ok: false, reason: input };
  const release = renderingReleaseOf(delivery.release);
  const rendered = renderDelivery(input, robot, [], { release });
  return { ok: true, headers: rendered.headers, body: Buffer.from(rendered.body, "utf8") };
}
