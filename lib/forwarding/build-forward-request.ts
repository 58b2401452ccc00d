import type { HeaderPairs } from "../cloudpods/headers";
import { jsonObjectOrEmpty } from "../cloudpods/parse-json";
import type { RobotSettings } from "../cloudpods/render-delivery";
import { getDelivery, storedBytes, type DeliveryDetail } from "../events/get-event";
import { renderForEndpoint } from "../replay/render-for-endpoint";
import { chatRequestBody, type ChatKind } from "./chat-message";
import { forwardQueries, type RuleRow } from "./forward-queries";
import { getConfig } from "../config";

/**
 * The request one rule sends for one stored delivery: the stored bytes and headers
 * (exact), the message re-rendered with an endpoint's robot settings and a fresh signature
 * (endpoint), or a chat text (message); then the rule's extra headers, then the two that
 * let a consumer drop repeats. A reason instead when the delivery cannot be sent this way.
 */
export type ForwardRequest =
  { ok: true; headers: HeaderPairs; body: Buffer } | { ok: false; reason: string };

const OWN_HEADERS = new Set(["x-hooklens-delivery", "x-hooklens-forward"]);

function endpointRobot(endpointId: string | null): RobotSettings | null {
  if (!endpointId) return null;
  const row = forwardQueries().endpointRobot.get(endpointId) as
    | {
        header: string;
        body: string;
        msgKey: string;
        secretKey: string | null;
        useTemplate: number;
      }
    | undefined;
  if (!row) return null;
  return {
    header: jsonObjectOrEmpty(row.header),
    body: jsonObjectOrEmpty(row.body),
    msgKey: row.msgKey,
    secretKey: row.secretKey,
    useTemplate: row.useTemplate === 1,
  };
}

/** Where a chat message links to: the public URL when one is known. */
function deliveryLink(id: number): string {
  const base =
    getConfig().HOOKLENS_PUBLIC_URL ??
    (forwardQueries().publicUrl.get() as string | undefined) ??
    `http://localhost:${getConfig().PORT}`;
  return `${base.replace(/\/+$/, "")}/events/${id}`;
}

function content(rule: RuleRow, event: DeliveryDetail): ForwardRequest {
  if (rule.mode === "exact") return { ok: true, headers: event.headers, body: storedBytes(event) };
  if (rule.mode === "endpoint") {
    const robot = endpointRobot(rule.endpoint_id);
    if (!robot) return { ok: false, reason: "the rule's endpoint no longer exists" };
    const rendered = renderForEndpoint(event, robot);
    return rendered.ok ? { ok: true, headers: rendered.headers, body: rendered.body } : rendered;
  }
  const body = chatRequestBody({
    kind: (rule.chat ?? "slack") as ChatKind,
    template: rule.template,
    values: {
      resource_type: event.resource_type,
      resource_name: event.resource_name ?? event.resource_id,
      resource_id: event.resource_id,
      action: event.action,
      result: event.result,
      event_type: event.event_type,
      kind: event.kind,
      received_at: event.received_at,
      id: event.id,
      link: deliveryLink(event.id),
    },
  });
  return { ok: true, headers: [["Content-Type", "application/json; charset=utf-8"]], body };
}

export function buildForwardRequest(rule: RuleRow, deliveryId: number): ForwardRequest {
  let event: DeliveryDetail;
  try {
    event = getDelivery({ id: deliveryId });
  } catch {
    return { ok: false, reason: "the delivery is no longer stored" };
  }
  const built = content(rule, event);
  if (!built.ok) return built;
  const extra = JSON.parse(rule.headers) as HeaderPairs;
  const replaced = new Set([...extra.map(([name]) => name.toLowerCase()), ...OWN_HEADERS]);
  const headers: HeaderPairs = [
    ...built.headers.filter(([name]) => !replaced.has(name.toLowerCase())),
    ...extra,
    ["X-Hooklens-Delivery", String(deliveryId)],
    ["X-Hooklens-Forward", String(rule.id)],
  ];
  return { ok: true, headers, body: built.body };
}
