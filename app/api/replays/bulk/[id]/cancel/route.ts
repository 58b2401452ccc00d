import { handleRoute, parseInput } from "@/lib/http/handle-route";
import { cancelBulkReplay } from "@/lib/replay/cancel-bulk-replay";
import { pathIdSchema } from "@/lib/replay/replay-input";

export const dynamic = "force-dynamic";

export const POST = handleRoute<RouteContext<"/api/replays/bulk/[id]/cancel">>(
  async (_request, context) => {
    const id = parseInput(pathIdSchema, (await context.params).id);
    return Response.json(await cancelBulkReplay({ id }));
  },
);
