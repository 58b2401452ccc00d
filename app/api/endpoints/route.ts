import { createEndpoint } from "@/lib/endpoints/create-endpoint";
import { createEndpointSchema } from "@/lib/endpoints/endpoint-settings";
import { endpointView } from "@/lib/endpoints/endpoint-view";
import { findEndpoints } from "@/lib/endpoints/find-endpoints";
import { resolvePublicBaseUrl } from "@/lib/endpoints/public-url";
import { handleRoute, parseInput, readJson } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (request) => {
  const [base, rows] = await Promise.all([resolvePublicBaseUrl(request), findEndpoints()]);
  return Response.json({ data: rows.map((row) => endpointView(row, base)) });
});

export const POST = handleRoute(async (request) => {
  const fields = parseInput(createEndpointSchema, await readJson(request));
  const row = await createEndpoint({ fields });
  return Response.json(endpointView(row, await resolvePublicBaseUrl(request)), { status: 201 });
});
