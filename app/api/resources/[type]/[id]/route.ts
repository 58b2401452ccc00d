import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";
import { jsonWithKept } from "@/lib/http/kept-json";
import { getResourceTimeline } from "@/lib/resources/get-resource-timeline";
import { timelineWindowSchema } from "@/lib/resources/timeline-window";
import { resourceKey, type ResourceRouteContext } from "./params";

export const dynamic = "force-dynamic";

export const GET = handleRoute<ResourceRouteContext>(async (request, context) => {
  const { endpoint, ...window } = parseQuery(timelineWindowSchema, searchParamsObject(request));
  const key = await resourceKey(context, endpoint);
  const { state, ...timeline } = await getResourceTimeline({ ...key, ...window });
  return jsonWithKept(timeline, "state", state);
});
