import { findForwardAttempts } from "@/lib/forwarding/find-forward-rules";
import { pageQuerySchema, pathIdSchema } from "@/lib/forwarding/forward-types";
import { handleRoute, parseInput, parseQuery, searchParamsObject } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

/** Newest first; `cursor` is the `next_cursor` of the page before. */
export const GET = handleRoute<RouteContext<"/api/forwards/[id]/attempts">>(
  async (request, context) => {
    const id = parseInput(pathIdSchema, (await context.params).id);
    const { cursor, limit } = parseQuery(pageQuerySchema, searchParamsObject(request));
    return Response.json(await findForwardAttempts({ id, cursor, limit }));
  },
);
