import { receiveWebRequest } from "@/lib/ingest/web-transport";

export const dynamic = "force-dynamic";

/** The receiver a Cloudpods webhook robot posts to. `npm start` answers this path on a
 *  faster transport (server.ts) that runs the same lib/ingest code. */
export async function POST(request: Request, context: RouteContext<"/api/hooks/[token]">) {
  const { token } = await context.params;
  return receiveWebRequest(request, token);
}

/** What the platform sends after following a 301/302/303 redirect: kept, answered 200. */
export const GET = POST;
export const HEAD = POST;
