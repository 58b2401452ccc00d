import { handleRoute } from "@/lib/http/handle-route";
import { getTimelineKeeperStatus } from "@/lib/resources/get-timeline-keeper-status";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async () => Response.json(await getTimelineKeeperStatus()));
