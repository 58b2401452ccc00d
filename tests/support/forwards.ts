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
