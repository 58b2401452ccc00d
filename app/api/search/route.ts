import { handleRoute } from "@/lib/http/handle-route";
import { getSearchIndexStatus } from "@/lib/search/rebuild-search-index";

export const dynamic = "force-dynamic";

export const GET = handleRoute(() => Response.json(getSearchIndexStatus()));
