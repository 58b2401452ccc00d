import { eventListSchema } from "@/lib/events/event-filter";
import { findEvents } from "@/lib/events/find-events";
import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

export const GET = handleRoute((request) => {
  const query = parseQuery(eventListSchema, searchParamsObject(request));
  return Response.json(findEvents(query));
});
