import { getDatabase } from "../db/sqlite";
import { notFound } from "../http/api-error";
import { keepEndpointTimeline } from "./keep-endpoint-timelines";
import {
  ENDPOINT_CHAIN_TABLES,
  keptSteps,
  WHOLE_CHAIN_TABLES,
  type ResourceKey,
} from "./kept-steps";
import { keepResourceTimeline } from "./keep-timeline-steps";

/**
 * A resource's kept timeline, brought up to its last stored delivery first (a reader may
 * come before the background keeper: then it keeps the few deliveries left itself, so
 * that an answer is never behind the receiver). Filtered to one endpoint of a resource
 * several endpoints sent, it is that endpoint's own (keep-endpoint-timelines.ts). Not
 * found when no event about the resource was ever kept, or none from the endpoint asked for.
 */
export function openKeptTimeline(key: ResourceKey) {
  const db = getDatabase();
  const resource = { resourceType: key.resourceType, resourceId: key.resourceId };
  keepResourceTimeline(db, resource);
  const wholeKept = keptSteps(db, resource);
  const whole = wholeKept.head();
  if (!whole) throw notFound("Resource");
  if (key.endpointId === undefined || !whole.mixed_endpoints) {
    if (key.endpointId !== undefined && key.endpointId !== whole.endpoint_id) {
      throw notFound("Resource");
    }
    return { db, resource, kept: wholeKept, head: whole, steps: WHOLE_CHAIN_TABLES.steps };
  }
  const chain = { ...resource, endpointId: key.endpointId };
  keepEndpointTimeline(db, chain);
  const kept = keptSteps(db, chain);
  const head = kept.head();
  if (!head) throw notFound("Resource");
  return { db, resource, kept, head, steps: ENDPOINT_CHAIN_TABLES.steps };
}

export type KeptTimeline = ReturnType<typeof openKeptTimeline>;
