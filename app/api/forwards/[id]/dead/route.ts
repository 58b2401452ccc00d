import { findDeadForwards } from "@/lib/forwarding/find-forward-rules";
import { pageQuerySchema, pathIdSchema } from "@/lib/forwarding/forward-types";
import { handleRoute, parseInput, parseQuery, searchParamsObject } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

/** The rule's dead letters, newest first, cursor-paged. */
export const GET = handleRoute<RouteContext<"/api/forwards/[id]/dead">>(
  async (request, context) => {
    const id = parseInput(pathIdSchema, (await context.params).id);
    const { cursor, limit } = parseQuery(pageQuerySchema, searchParamsObject(request));
    return Response.json(await findDeadForwards({ id, cursor, limit }));
  },
);
