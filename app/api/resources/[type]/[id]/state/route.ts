import { z } from "zod";
import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";
import { getResourceState } from "@/lib/resources/get-resource-state";
import { deliveryIdSchema, resourceKey, type ResourceRouteContext } from "../params";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  endpoint: z.string().min(1).optional(),
  at: deliveryIdSchema.optional(),
});

export const GET = handleRoute<ResourceRouteContext>(async (request, context) => {
  const query = parseQuery(querySchema, searchParamsObject(request));
  const key = await resourceKey(context, query.endpoint);
  return Response.json(await getResourceState({ ...key, at: query.at }));
});
