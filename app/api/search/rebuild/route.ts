import { handleRoute } from "@/lib/http/handle-route";
import { rebuildSearchIndex } from "@/lib/search/rebuild-search-index";

export const dynamic = "force-dynamic";

/** 202: the index is emptied now and rebuilt in the background. */
export const POST = handleRoute(async () =>
  Response.json(await rebuildSearchIndex(), { status: 202 }),
);
