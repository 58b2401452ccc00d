import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";
import { findReplays } from "@/lib/replay/find-replays";
import { replayListSchema } from "@/lib/replay/replay-input";

export const dynamic = "force-dynamic";

/** Every recorded attempt, newest first; `event_id`, `bulk_id`, `order`, `limit`, `cursor`. */
export const GET = handleRoute(async (request) => {
  const query = parseQuery(replayListSchema, searchParamsObject(request));
  return Response.json(await findReplays(query));
});
