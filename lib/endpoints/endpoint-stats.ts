import "server-only";
import { getPrisma } from "../db/prisma";
import {
  deliveryCount,
  newestId,
  recentDeliveries,
  windowCounts,
} from "../db/queries/endpoint-traffic";
import { summarizeEndpointRelease } from "./endpoint-problems";
import type { EndpointStats } from "./endpoint-types";
import { getLastSeen } from "./last-seen";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Enough of the newest deliveries to see a platform's habits, read newest first along
 *  the endpoint's own index and stopped there, whatever the history's size. */
const RECENT_DELIVERIES = 200;

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export async function getEndpointStats(options: {
  endpointId: string;
  now?: number;
}): Promise<EndpointStats> {
  const id = options.endpointId;
  const [window, seen, recent] = await Promise.all([
    windowCounts.get((options.now ?? Date.now()) - DAY_MS, id),
    getLastSeen(id),
    recentDeliveries.all(id, RECENT_DELIVERIES),
  ]);
  return {
    endpoint_id: id,
    deliveries_24h: window?.n ?? 0,
    signature_failures_24h: window?.bad ?? 0,
    rejected_24h: window?.rejected ?? 0,
    last_validation_at: iso(seen.validationAt),
    last_event_at: iso(seen.eventAt),
    ...summarizeEndpointRelease(recent),
  };
}

/** Every endpoint's stats, in the order the endpoints list shows them. */
export async function listEndpointStats(options: { now?: number } = {}): Promise<EndpointStats[]> {
  const endpoints = await getPrisma().endpoint.findMany({
    select: { id: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return Promise.all(
    endpoints.map(({ id }) => getEndpointStats({ endpointId: id, now: options.now })),
  );
}

/** All the endpoint's deliveries: what deleting it would delete. */
export async function countEndpointDeliveries(endpointId: string): Promise<number> {
  return (await deliveryCount.get(endpointId))?.n ?? 0;
}

/** The newest delivery id of all: whatever arrives after it is new, at any endpoint. */
export async function newestDeliveryId(): Promise<number> {
  return (await newestId.get())?.id ?? 0;
}
