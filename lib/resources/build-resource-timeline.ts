import { buildTimeline, type ResourceTimeline } from "../diff/build-timeline";
import { notFound } from "../http/api-error";
import { memoDiff } from "./memo-diff";
import { loadResourceDeliveries, type ResourceDelivery } from "./load-resource-deliveries";

export type ResourceKey = { resourceType: string; resourceId: string; endpointId?: string };

/**
 * One resource's timeline from its stored deliveries. Not found when no event about it
 * was ever kept (deliveries with an invalid signature count as kept: the resource exists,
 * its timeline is just empty).
 */
export function buildResourceTimeline(
  key: ResourceKey,
): ResourceTimeline<ResourceDelivery> & { deliveries: ResourceDelivery[] } {
  const { resourceType, resourceId, endpointId } = key;
  const deliveries = loadResourceDeliveries({ resourceType, resourceId, endpointId });
  if (deliveries.length === 0) throw notFound("Resource");
  return { ...buildTimeline(deliveries, { diff: memoDiff }), deliveries };
}
