import { handleRoute } from "@/lib/http/handle-route";
import { countResourceTypes } from "@/lib/resources/count-resource-types";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async () => Response.json({ data: await countResourceTypes() }));
