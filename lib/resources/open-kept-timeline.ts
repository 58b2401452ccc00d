import { getDatabase } from "../db/sqlite";
import { notFound } from "../http/api-error";
import type { ResourceKey } from "./build-resource-timeline";
import { keptSteps } from "./kept-steps";
import { keepResourceTimeline } from "./keep-timeline-steps";

/**
 * A resource's kept timeline, brought up to its last stored delivery first (a reader may
 * come before the background keeper: then it keeps the few deliveries left itself, so
 * that an answer is never behind the receiver). Null when the kept steps do not answer:
 * a timeline filtered to one of several endpoints that sent the resource. Not found when
 * no event about the resource was ever kept, or none from the endpoint asked for.
 */
export function openKeptTimeline(key: ResourceKey) {
  const db = getDatabase();
  const resource = { resourceType: key.resourceType, resourceId: key.resourceId };
  keepResourceTimeline(db, resource);
  const kept = keptSteps(db, resource);
  const head = kept.head();
  if (!head) throw notFound("Resource");
  if (key.endpointId !== undefined) {
    if (head.mixed_endpoints) return null;
    if (key.endpointId !== head.endpoint_id) throw notFound("Resource");
  }
  return { db, resource, kept, head };
}

export type KeptTimeline = NonNullable<ReturnType<typeof openKeptTimeline>>;
