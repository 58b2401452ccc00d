import { z } from "zod";
import {
  handleRoute,
  parseInput,
  parseQuery,
  readJson,
  searchParamsObject,
} from "@/lib/http/handle-route";
import { findBulkReplays } from "@/lib/replay/find-bulk-replays";
import { bulkInputSchema } from "@/lib/replay/replay-input";
import { startBulkReplay } from "@/lib/replay/start-bulk-replay";

export const dynamic = "force-dynamic";

const listSchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const GET = handleRoute(async (request) => {
  const { limit } = parseQuery(listSchema, searchParamsObject(request));
  return Response.json(await findBulkReplays({ limit }));
});

/** `dry_run: true` answers `{dry_run, total}`; otherwise the bulk starts and is answered
 *  202 at once; its progress is read from /api/replays/bulk/{id} or its stream. */
export const POST = handleRoute(async (request) => {
  const input = parseInput(bulkInputSchema, await readJson(request));
  const started = await startBulkReplay({ input });
  if (started.dry_run) return Response.json(started);
  return Response.json(started.bulk, { status: 202 });
});
