import { z } from "zod";
import { PLATFORM_RELEASES } from "@/lib/cloudpods/platform-releases";
import { sendTestDelivery } from "@/lib/endpoints/send-test-delivery";
import { handleRoute, parseQuery } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

type Context = RouteContext<"/api/endpoints/[id]/test-delivery">;

const querySchema = z.object({ release: z.enum(PLATFORM_RELEASES).default("current") });

/** Sends a sample event, rendered with the endpoint's robot settings as the given release
 *  (`?release=`, current by default) sends it, to its own receiver. */
export const POST = handleRoute<Context>(async (request, context) => {
  const { id } = await context.params;
  const { searchParams } = new URL(request.url);
  const { release } = parseQuery(querySchema, {
    release: searchParams.get("release") ?? undefined,
  });
  return Response.json(await sendTestDelivery({ id, release }));
});
