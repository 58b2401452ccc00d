import "server-only";
import type { HeaderPairs } from "../cloudpods/headers";
import type { RobotSettings } from "../cloudpods/render-delivery";
import { readDelivery, storedBytes } from "../events/get-delivery";
import { invalidField } from "../http/api-error";
import { renderForEndpoint } from "./render-for-endpoint";

/** What a replay will send before Host, Content-Length and hop-by-hop are settled. */
export type ReplayRequest = { headers: HeaderPairs; body: Buffer };

/** How the request is made from the stored delivery; each mode carries what it needs. */
export type ReplayRecipe =
  | { mode: "exact" }
  | { mode: "edited"; headers?: HeaderPairs; body?: string }
  | { mode: "endpoint"; robot: RobotSettings };

/** The request for one stored delivery by one recipe. Throws 404 for an unknown delivery
 *  and 422 when the mode cannot apply to it. */
export async function buildReplayRequest(options: {
  deliveryId: number;
  recipe: ReplayRecipe;
}): Promise<ReplayRequest> {
  const { recipe } = options;
  const delivery = await readDelivery({ id: options.deliveryId });
  switch (recipe.mode) {
    case "exact":
      return { headers: delivery.headers, body: storedBytes(delivery) };
    case "edited":
      return {
        headers: recipe.headers ?? delivery.headers,
        body: recipe.body !== undefined ? Buffer.from(recipe.body, "utf8") : storedBytes(delivery),
      };
    case "endpoint": {
      const rendered = renderForEndpoint(delivery, recipe.robot);
      if (!rendered.ok) throw invalidField("mode", rendered.reason);
      return { headers: rendered.headers, body: rendered.body };
    }
  }
}
