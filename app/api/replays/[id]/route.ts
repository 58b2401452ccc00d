import { handleRoute, parseInput } from "@/lib/http/handle-route";
import { getReplay } from "@/lib/replay/get-replay";
import { pathIdSchema } from "@/lib/replay/replay-input";

export const dynamic = "force-dynamic";

export const GET = handleRoute<RouteContext<"/api/replays/[id]">>(async (_request, context) => {
  const id = parseInput(pathIdSchema, (await context.params).id);
  return Response.json(await getReplay({ id }));
});
