import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import type { ForwardRuleView } from "../../lib/forwarding/forward-types";
import { api } from "./api";

/** Creates a forwarding rule through the API; throws with the answer when refused. */
export async function createRule(baseUrl: string, fields: Record<string, unknown>) {
  const { status, body } = await api<ForwardRuleView>(baseUrl, "/api/forwards", {
    json: { name: `rule-${Math.random().toString(36).slice(2, 8)}`, mode: "exact", ...fields },
  });
  if (status !== 201)
    throw new Error(`creating a rule answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

export async function getRule(baseUrl: string, id: number) {
  return (await api<ForwardRuleView>(baseUrl, `/api/forwards/${id}`)).body;
}

/** A platform event for one resource, as the notify service renders it. */
export function resourceEvent(options: {
  resourceType?: string;
  id: string;
  action?: string;
  result?: string;
  details?: Record<string, unknown>;
}) {
  return renderDelivery({
    kind: "event",
    event: {
      resource_type: options.resourceType ?? "server",
      action: options.action ?? "update",
      ...(options.result ? { result: options.result } : {}),
      resource_details: { id: options.id, name: options.id, status: "running", ...options.details },
    },
  });
}
