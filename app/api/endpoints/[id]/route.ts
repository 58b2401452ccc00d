import { deleteEndpoint } from "@/lib/endpoints/delete-endpoint";
import { updateEndpointSchema } from "@/lib/endpoints/endpoint-settings";
import { endpointView } from "@/lib/endpoints/endpoint-view";
import { getEndpoint } from "@/lib/endpoints/find-endpoints";
import { updateEndpoint } from "@/lib/endpoints/update-endpoint";
import { resolvePublicBaseUrl } from "@/lib/endpoints/public-url";
import { handleRoute, parseInput, readJson } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

type Context = RouteContext<"/api/endpoints/[id]">;

export const GET = handleRoute<Context>(async (request, context) => {
  const { id } = await context.params;
  return Response.json(
    endpointView(await getEndpoint({ id }), await resolvePublicBaseUrl(request)),
  );
});

export const PATCH = handleRoute<Context>(async (request, context) => {
  const { id } = await context.params;
  const fields = parseInput(updateEndpointSchema, await readJson(request));
  return Response.json(
    endpointView(await updateEndpoint({ id, fields }), await resolvePublicBaseUrl(request)),
  );
});

export const DELETE = handleRoute<Context>(async (_request, context) => {
  const { id } = await context.params;
  return Response.json(await deleteEndpoint({ id }));
});
