import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";
import { countDeliveries } from "@/lib/stats/count-deliveries";
import { statsSeriesSchema } from "@/lib/stats/stats-query";

export const dynamic = "force-dynamic";

/** Deliveries per bucket split by group_by, with totals. */
export const GET = handleRoute(async (request) => {
  const query = parseQuery(statsSeriesSchema, searchParamsObject(request));
  return Response.json(await countDeliveries(query));
});
