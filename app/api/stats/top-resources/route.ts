import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";
import { topResourcesSchema } from "@/lib/stats/stats-query";
import { topResources } from "@/lib/stats/top-resources";

export const dynamic = "force-dynamic";

/** The resources with the most deliveries (by=deliveries) or failed results (by=failures). */
export const GET = handleRoute(async (request) => {
  const query = parseQuery(topResourcesSchema, searchParamsObject(request));
  return Response.json(await topResources(query));
});
