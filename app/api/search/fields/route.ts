import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";
import { findSearchFields } from "@/lib/search/find-search-fields";
import { searchFieldsQuerySchema } from "@/lib/search/search-types";

export const dynamic = "force-dynamic";

/** Keys and dotted paths seen in resource_details, for completing `field:` in the search box. */
export const GET = handleRoute(async (request) => {
  const query = parseQuery(searchFieldsQuerySchema, searchParamsObject(request));
  return Response.json(await findSearchFields(query));
});
