import { changeListSchema } from "@/lib/changes/change-types";
import { findChanges } from "@/lib/changes/find-changes";
import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (request) => {
  const query = parseQuery(changeListSchema, searchParamsObject(request));
  return Response.json(await findChanges(query));
});
