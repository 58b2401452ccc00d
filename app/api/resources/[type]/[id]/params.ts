import { z } from "zod";
import { parseInput } from "@/lib/http/handle-route";

/** The resource a /api/resources/{type}/{id} URL names, with the optional endpoint filter. */
export const resourceParamsSchema = z.object({
  type: z.string().min(1).max(200),
  id: z.string().min(1).max(1000),
});

export const deliveryIdSchema = z.coerce.number().int().positive();

export type ResourceRouteContext = RouteContext<"/api/resources/[type]/[id]">;

export async function resourceKey(context: ResourceRouteContext, endpoint: string | undefined) {
  const { type, id } = parseInput(resourceParamsSchema, await context.params);
  return { resourceType: type, resourceId: id, ...(endpoint ? { endpointId: endpoint } : {}) };
}
