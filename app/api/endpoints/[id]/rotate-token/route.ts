import { endpointView } from "@/lib/endpoints/endpoint-view";
import { resolvePublicBaseUrl } from "@/lib/endpoints/public-url";
import { rotateEndpointToken } from "@/lib/endpoints/rotate-endpoint-token";
import { handleRoute } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

type Context = RouteContext<"/api/endpoints/[id]/rotate-token">;

/** A new receiver token: the old receiver URL stops working at once. */
export const POST = handleRoute<Context>(async (request, context) => {
  const { id } = await context.params;
  return Response.json(
    endpointView(await rotateEndpointToken({ id }), await resolvePublicBaseUrl(request)),
  );
});
