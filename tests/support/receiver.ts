import { expect } from "vitest";
import type { EventMessage } from "../../lib/cloudpods/render-delivery";
import { api } from "./api";

type Detail = Record<string, unknown> & {
  body: string;
  headers: Array<[string, string]>;
  body_base64: string | null;
};

/** A server update event, as the platform sends it; fields given replace the defaults. */
export const serverEvent = (event: Partial<EventMessage> = {}): EventMessage => ({
  action: "update",
  resource_type: "server",
  result: "succeed",
  resource_details: { id: "srv-1", name: "vm-1", status: "running", vmem_size: 2048 },
  ...event,
});

/** A stored delivery as the API shows it, which must be there. */
export async function deliveryDetail(baseUrl: string, id: unknown) {
  const { status, body } = await api<Detail>(baseUrl, `/api/events/${String(id)}`);
  expect(status).toBe(200);
  return body;
}
