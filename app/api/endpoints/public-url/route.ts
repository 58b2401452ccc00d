import { publicUrlInputSchema } from "@/lib/endpoints/endpoint-types";
import { resolvePublicUrl, setPublicUrlSetting } from "@/lib/endpoints/public-url";
import { handleRoute, parseInput, readJson } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

/** The base of receiver URLs, and where it comes from (env, a stored setting, the request). */
export const GET = handleRoute(async (request) => Response.json(await resolvePublicUrl(request)));

export const PUT = handleRoute(async (request) => {
  const input = parseInput(publicUrlInputSchema, await readJson(request));
  await setPublicUrlSetting(input.public_url);
  return Response.json(await resolvePublicUrl(request));
});
