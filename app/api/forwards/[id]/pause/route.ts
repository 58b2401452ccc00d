import { pathIdSchema } from "@/lib/forwarding/forward-types";
import { setRulePaused } from "@/lib/forwarding/save-forward-rule";
import { handleRoute, parseInput } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

export const POST = handleRoute<RouteContext<"/api/forwards/[id]/pause">>(
  async (_request, context) => {
    const id = parseInput(pathIdSchema, (await context.params).id);
    return Response.json(await setRulePaused({ id, paused: true }));
  },
);
