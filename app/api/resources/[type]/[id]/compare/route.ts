import { z } from "zod";
import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";
import { compareResourceSteps } from "@/lib/resources/compare-resource-steps";
import { deliveryIdSchema, resourceKey, type ResourceRouteContext } from "../params";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  endpoint: z.string().min(1).optional(),
  from: deliveryIdSchema,
  to: deliveryIdSchema,
});

export const GET = handleRoute<ResourceRouteContext>(async (request, context) => {
  const query = parseQuery(querySchema, searchParamsObject(request));
  const key = await resourceKey(context, query.endpoint);
  return Response.json(await compareResourceSteps({ ...key, from: query.from, to: query.to }));
});
