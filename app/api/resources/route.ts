import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";
import { findResources } from "@/lib/resources/find-resources";
import { resourceListSchema } from "@/lib/resources/resource-filter";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (request) => {
  const query = parseQuery(resourceListSchema, searchParamsObject(request));
  return Response.json(await findResources(query));
});
