import { handleRoute, parseInput, readJson } from "@/lib/http/handle-route";
import { findDestinations } from "@/lib/replay/find-destinations";
import { destinationInputSchema } from "@/lib/replay/replay-input";
import { saveDestination } from "@/lib/replay/save-destination";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async () => Response.json(await findDestinations()));

export const POST = handleRoute(async (request) => {
  const input = parseInput(destinationInputSchema, await readJson(request));
  return Response.json(await saveDestination(input), { status: 201 });
});
