import type { HeaderPairs } from "../cloudpods/headers";
import { jsonObjectOrEmpty } from "../cloudpods/parse-json";
import type { RobotSettings } from "../cloudpods/render-delivery";
import { summaryById } from "../db/queries/deliveries";
import { deliveryContent } from "../db/queries/endpoint-traffic";
import type { RuleRow } from "../db/queries/forwarding";
import { endpointRobotRow } from "../db/queries/forwarding-views";
import { PUBLIC_URL_SETTING, readSetting } from "../db/queries/settings";
import type { DeliveryDetail } from "../events/delivery-types";
import { loadContentDictionaries } from "../db/queries/content-dictionaries";
import { decodeContent } from "../events/decode-content";
import { summaryFromRow } from "../events/delivery-summary";
import { readDelivery } from "../events/get-delivery";
import { renderForEndpoint } from "../replay/render-for-endpoint";
import { chatRequestBody, type ChatKind } from "./chat-message";
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
const GONE: ForwardRequest = { ok: false, reason: "the delivery is no longer stored" };

async function endpointRobot(endpointId: string | null): Promise<RobotSettings | null> {
  if (!endpointId) return null;
  const row = await endpointRobotRow(endpointId);
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
async function deliveryLink(id: number): Promise<string> {
  const base =
    getConfig().HOOKLENS_PUBLIC_URL ??
    (await readSetting(PUBLIC_URL_SETTING)) ??
    `http://localhost:${getConfig().PORT}`;
  return `${base.replace(/\/+$/, "")}/events/${id}`;
}

/** The stored bytes and headers, as exact mode sends them. */
async function storedContent(
  deliveryId: number,
): Promise<{ headers: HeaderPairs; body: Buffer } | null> {
  const row = await deliveryContent.get(deliveryId);
  // On PostgreSQL a dictionary another instance learned is read before decoding.
  await loadContentDictionaries([row?.encoding]);
  return row ? decodeContent(row) : null;
}

async function chatContent(rule: RuleRow, deliveryId: number): Promise<ForwardRequest> {
  const row = await summaryById.get(deliveryId);
  if (!row) return GONE;
  const delivery = summaryFromRow(row);
  const body = chatRequestBody({
    kind: (rule.chat ?? "slack") as ChatKind,
    template: rule.template,
    values: {
      resource_type: delivery.resource_type,
      resource_name: delivery.resource_name ?? delivery.resource_id,
      resource_id: delivery.resource_id,
      action: delivery.action,
      result: delivery.result,
      event_type: delivery.event_type,
      kind: delivery.kind,
      received_at: delivery.received_at,
      id: delivery.id,
      link: await deliveryLink(delivery.id),
    },
  });
  return { ok: true, headers: [["Content-Type", "application/json; charset=utf-8"]], body };
}

async function endpointContent(rule: RuleRow, deliveryId: number): Promise<ForwardRequest> {
  let delivery: DeliveryDetail;
  try {
    delivery = await readDelivery({ id: deliveryId });
  } catch {
    return GONE;
  }
  const robot = await endpointRobot(rule.endpoint_id);
  if (!robot) return { ok: false, reason: "the rule's endpoint no longer exists" };
  const rendered = renderForEndpoint(delivery, robot);
  return rendered.ok ? { ok: true, headers: rendered.headers, body: rendered.body } : rendered;
}

/** Exact and message modes read only what they send: parsing the body for the API's view
 *  of a delivery (readDelivery) was a quarter of each send's time (issue 15's profile). */
async function content(rule: RuleRow, deliveryId: number): Promise<ForwardRequest> {
  if (rule.mode === "endpoint") return endpointContent(rule, deliveryId);
  if (rule.mode !== "exact") return chatContent(rule, deliveryId);
  const stored = await storedContent(deliveryId);
  return stored ? { ok: true, ...stored } : GONE;
}

export async function buildForwardRequest(
  rule: RuleRow,
  deliveryId: number,
): Promise<ForwardRequest> {
  const built = await content(rule, deliveryId);
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
