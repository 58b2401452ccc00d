import { getForwardRule } from "@/lib/forwarding/find-forward-rules";
import { pathIdSchema, updateRuleSchema } from "@/lib/forwarding/forward-types";
import { deleteForwardRule, updateForwardRule } from "@/lib/forwarding/save-forward-rule";
import { handleRoute, parseInput, readJson } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

type Context = RouteContext<"/api/forwards/[id]">;

/** The rule with `counts: {pending, delivered, failed, dead}`, health, last error and the
 *  median latency of its accepted sends. */
export const GET = handleRoute<Context>(async (_request, context) => {
  const id = parseInput(pathIdSchema, (await context.params).id);
  return Response.json(await getForwardRule({ id }));
});

export const PATCH = handleRoute<Context>(async (request, context) => {
  const id = parseInput(pathIdSchema, (await context.params).id);
  const input = parseInput(updateRuleSchema, await readJson(request));
  return Response.json(await updateForwardRule({ id, input }));
});

export const DELETE = handleRoute<Context>(async (_request, context) => {
  const id = parseInput(pathIdSchema, (await context.params).id);
  return Response.json(await deleteForwardRule({ id }));
});
