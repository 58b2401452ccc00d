import { pathIdSchema, retryDeadSchema } from "@/lib/forwarding/forward-types";
import { retryDeadForwards } from "@/lib/forwarding/save-forward-rule";
import { handleRoute, parseInput, readJson } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

/** `{job_id}` retries one dead letter; an empty body retries them all. */
export const POST = handleRoute<RouteContext<"/api/forwards/[id]/dead/retry">>(
  async (request, context) => {
    const id = parseInput(pathIdSchema, (await context.params).id);
    const empty = request.headers.get("content-length") === "0" || !request.body;
    const input = parseInput(retryDeadSchema, empty ? {} : await readJson(request));
    return Response.json(await retryDeadForwards({ id, jobId: input.job_id }));
  },
);
