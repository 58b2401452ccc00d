import { z } from "zod";
import { readDelivery } from "@/lib/events/get-delivery";
import { handleRoute, parseInput } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

const idSchema = z.coerce.number().int().positive();

export const GET = handleRoute<RouteContext<"/api/events/[id]">>(async (_request, context) => {
  const id = parseInput(idSchema, (await context.params).id);
  return Response.json(await readDelivery({ id }));
});
