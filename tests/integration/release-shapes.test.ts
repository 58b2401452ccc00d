import { describe, expect, inject, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { api, createEndpoint, sendDelivery } from "../support/api";

type Detail = Record<string, unknown>;

const validation = {
  kind: "text",
  text: "This is a verification message, please ignore.",
} as const;

describe.each([
  ["fast transport", () => inject("baseUrl")],
  ["route handler", () => inject("routeBaseUrl")],
])("release shapes via %s", (_name, base) => {
  it("accepts an unsigned validation at an endpoint with a secret, and still refuses a forged one", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl, { secret_key: "robot-secret" });
    const unsigned = await sendDelivery(endpoint.receiver_url, renderDelivery(validation));
    expect(unsigned.status).toBe(200);
    const kept = await api<Detail>(baseUrl, `/api/events/${String(unsigned.body.id)}`);
    expect(kept.body).toMatchObject({
      kind: "verification",
      signature: "unsigned",
      signature_reason: "unsigned_validation",
      answered_status: 200,
      answered_error: null,
    });

    const forged = await sendDelivery(
      endpoint.receiver_url,
      renderDelivery(validation, { secretKey: "not-the-secret" }),
    );
    expect(forged.status).toBe(401);
    const refused = await api<Detail>(baseUrl, `/api/events/${String(forged.body.id)}`);
    expect(refused.body).toMatchObject({
      kind: "verification",
      signature: "invalid",
      signature_reason: "token_mismatch",
      answered_status: 401,
      answered_error: "invalid_signature",
    });
  });
});
