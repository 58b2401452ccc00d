import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";
import { countFailures } from "@/lib/stats/count-failures";
import { statsSeriesSchema } from "@/lib/stats/stats-query";

export const dynamic = "force-dynamic";

/** Deliveries, failed results, invalid signatures and unparsed bodies per bucket. */
export const GET = handleRoute(async (request) => {
  const query = parseQuery(statsSeriesSchema, searchParamsObject(request));
  return Response.json(await countFailures(query));
});
