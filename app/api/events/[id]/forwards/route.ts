import { findDeliveryForwards } from "@/lib/forwarding/find-forward-rules";
import { pathIdSchema } from "@/lib/forwarding/forward-types";
import { handleRoute, parseInput } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

/** Every rule this delivery was queued for, with how far each got. */
export const GET = handleRoute<RouteContext<"/api/events/[id]/forwards">>(
  async (_request, context) => {
    const deliveryId = parseInput(pathIdSchema, (await context.params).id);
    return Response.json(await findDeliveryForwards({ deliveryId }));
  },
);
