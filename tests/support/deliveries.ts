import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import type { DeliverySummary } from "../../lib/events/delivery-summary";
import type { CursorPage } from "../../lib/http/cursor-page";
import { api } from "./api";

/** Every delivery stored for one endpoint, newest first, paging the list API to the end. */
export async function listAllDeliveries(
  baseUrl: string,
  endpointId: string,
): Promise<DeliverySummary[]> {
  const all: DeliverySummary[] = [];
  let cursor: string | null = null;
  do {
    const query: URLSearchParams = new URLSearchParams({
      endpoint: endpointId,
      limit: "500",
      ...(cursor ? { cursor } : {}),
    });
    const page: { status: number; body: CursorPage<DeliverySummary> } = await api<
      CursorPage<DeliverySummary>
    >(baseUrl, `/api/events?${query.toString()}`);
    const { status, body } = page;
    if (status !== 200) throw new Error(`listing deliveries answered ${status}`);
    all.push(...body.data);
    cursor = body.next_cursor;
  } while (cursor);
  return all;
}

/** Polls until `check` passes or the deadline ends: for conditions the server reaches on its own. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}

/** A platform event for one resource, as the notify service renders it (signed with `secretKey`). */
export function resourceEvent(options: {
  resourceType?: string;
  id: string;
  action?: string;
  result?: string;
  details?: Record<string, unknown>;
  secretKey?: string;
}) {
  return renderDelivery(
    {
      kind: "event",
      event: {
        resource_type: options.resourceType ?? "server",
        action: options.action ?? "update",
        ...(options.result ? { result: options.result } : {}),
        resource_details: {
          id: options.id,
          name: options.id,
          status: "running",
          ...options.details,
        },
      },
    },
    options.secretKey ? { secretKey: options.secretKey } : {},
  );
}
