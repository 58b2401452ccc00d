import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";
import { latestFailures } from "@/lib/stats/latest-failures";
import { latestFailuresSchema } from "@/lib/stats/stats-query";

export const dynamic = "force-dynamic";

/** The newest failed results, invalid signatures and unparsed bodies, as feed summaries. */
export const GET = handleRoute(async (request) => {
  const query = parseQuery(latestFailuresSchema, searchParamsObject(request));
  return Response.json(await latestFailures(query));
});
