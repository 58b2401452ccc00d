import { z } from "zod";
import { DEFAULT_NOISE_FIELDS } from "@/lib/diff/noise-fields";
import { handleRoute, parseInput, readJson } from "@/lib/http/handle-route";
import { getNoiseFields } from "@/lib/resources/get-noise-fields";
import { setNoiseFields } from "@/lib/resources/set-noise-fields";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ noise_fields: z.array(z.string().max(200)).max(200) });

export const GET = handleRoute(async () =>
  Response.json({ noise_fields: await getNoiseFields(), defaults: DEFAULT_NOISE_FIELDS }),
);

export const PUT = handleRoute(async (request) => {
  const body = parseInput(bodySchema, await readJson(request));
  const fields = await setNoiseFields({ fields: body.noise_fields });
  return Response.json({ noise_fields: fields, defaults: DEFAULT_NOISE_FIELDS });
});
