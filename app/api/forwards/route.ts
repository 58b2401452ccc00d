import { findForwardRules } from "@/lib/forwarding/find-forward-rules";
import { createRuleSchema } from "@/lib/forwarding/forward-types";
import { createForwardRule } from "@/lib/forwarding/save-forward-rule";
import { handleRoute, parseInput, readJson } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async () => Response.json(await findForwardRules()));

export const POST = handleRoute(async (request) => {
  const input = parseInput(createRuleSchema, await readJson(request));
  return Response.json(await createForwardRule({ input }), { status: 201 });
});
