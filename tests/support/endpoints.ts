/** What the endpoint tests read back and send. */
export type Stats = {
  deliveries_total: number;
  deliveries_24h: number;
  signature_failures_24h: number;
  rejected_24h: number;
  last_validation_at: string | null;
  last_event_at: string | null;
  newest_delivery_id: number;
  recent_rejected: Array<{ id: number; status: number; reason: string }>;
};
export type Rendered = { headers: Array<[string, string]>; body: string };

export const event = {
  resource_type: "server",
  action: "create",
  resource_details: { id: "s-1", name: "web-1" },
};
