import { sendTestDelivery } from "@/lib/endpoints/send-test-delivery";
import { handleRoute } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** Sends a sample event, rendered with the endpoint's robot settings, to its own receiver. */
export const POST = handleRoute<Context>(async (_request, context) => {
  const { id } = await context.params;
  return Response.json(await sendTestDelivery({ id }));
});
