import { previewInputSchema } from "@/lib/endpoints/endpoint-types";
import { previewEndpointDelivery } from "@/lib/endpoints/preview-endpoint-delivery";
import { handleRoute, parseInput, readJson } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

/** What the platform would send with these robot settings: event, template variant, validation. */
export const POST = handleRoute(async (request) => {
  const input = parseInput(previewInputSchema, await readJson(request));
  return Response.json(await previewEndpointDelivery(input));
});
