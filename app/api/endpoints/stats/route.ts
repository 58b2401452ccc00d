import { listEndpointStats } from "@/lib/endpoints/endpoint-stats";
import { handleRoute } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

/** Every endpoint's traffic at a glance: last validation and event, 24 h counts. */
export const GET = handleRoute(async () => Response.json({ data: await listEndpointStats() }));
