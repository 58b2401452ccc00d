import { handleRoute, parseInput } from "@/lib/http/handle-route";
import { deleteDestination } from "@/lib/replay/delete-destination";
import { pathIdSchema } from "@/lib/replay/replay-input";

export const dynamic = "force-dynamic";

export const DELETE = handleRoute<RouteContext<"/api/replays/destinations/[id]">>(
  async (_request, context) => {
    const id = parseInput(pathIdSchema, (await context.params).id);
    await deleteDestination({ id });
    return new Response(null, { status: 204 });
  },
);
