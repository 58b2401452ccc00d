import { z } from "zod";
import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";
import { jsonWithKept } from "@/lib/http/kept-json";
import { getResourceTimeline } from "@/lib/resources/get-resource-timeline";
import { resourceKey, type ResourceRouteContext } from "./params";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  endpoint: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

export const GET = handleRoute<ResourceRouteContext>(async (request, context) => {
  const query = parseQuery(querySchema, searchParamsObject(request));
  const key = await resourceKey(context, query.endpoint);
  const { state, ...timeline } = getResourceTimeline({ ...key, limit: query.limit });
  return jsonWithKept(timeline, "state", state);
});
