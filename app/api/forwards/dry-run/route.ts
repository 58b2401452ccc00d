import { dryRunForwardRule } from "@/lib/forwarding/dry-run-forward-rule";
import { dryRunSchema, ruleFilterSchema } from "@/lib/forwarding/forward-types";
import { handleRoute, parseInput, readJson } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

/** `{filter, limit?}` → which of the latest `limit` deliveries the filter would have matched. */
export const POST = handleRoute(async (request) => {
  const input = parseInput(dryRunSchema, await readJson(request));
  const filter = parseInput(ruleFilterSchema, input.filter);
  return Response.json(await dryRunForwardRule({ filter, limit: input.limit }));
});
