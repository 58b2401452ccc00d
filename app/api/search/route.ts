import { handleRoute } from "@/lib/http/handle-route";
import { getSearchIndexStatus } from "@/lib/search/rebuild-search-index";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async () => Response.json(await getSearchIndexStatus()));
