import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import {
  renderDelivery,
  type EventMessage,
  type RobotSettings,
} from "../../lib/cloudpods/render-delivery";
import { startReplaySink, type ReplaySink } from "../../tests/support/replay-sink";

export type TestEndpoint = { id: string; name: string; token: string; receiver_url: string };

type Delivery = { headers: Array<[string, string]> | Record<string, string>; body: string };

/** Sends a delivery over HTTP exactly as given, the way the platform would. */
export async function sendWebhook(
  request: APIRequestContext,
  endpoint: TestEndpoint,
  delivery: Delivery,
) {
  const headers = Array.isArray(delivery.headers)
    ? Object.fromEntries(delivery.headers)
    : delivery.headers;
  // As bytes: Playwright JSON-encodes a string body under a JSON Content-Type when the
  // string does not parse, which the raw control characters of older releases make it.
  const response = await request.post(`/api/hooks/${endpoint.token}`, {
    headers,
    data: Buffer.from(delivery.body, "utf8"),
  });
  return { status: response.status(), body: (await response.json()) as { id: number } };
}

/** Renders an event the way the platform's notify service would, and sends it. */
export async function sendEvent(
  request: APIRequestContext,
  endpoint: TestEndpoint,
  event: EventMessage,
  robot: RobotSettings = {},
) {
  const sent = await sendWebhook(
    request,
    endpoint,
    renderDelivery({ kind: "event", event }, robot),
  );
  expect(sent.status).toBe(200);
  return sent.body.id;
}

export async function createEndpoint(
  request: APIRequestContext,
  fields: Record<string, unknown> = {},
) {
  const response = await request.post("/api/endpoints", {
    data: { name: `e2e-${Math.random().toString(36).slice(2, 8)}`, ...fields },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as TestEndpoint;
}

/**
 * Every test gets its own endpoint, so that tests never see each other's data, and a
 * replay sink of its own when it asks for one (closed after the test, passed or failed).
 */
export const test = base.extend<{ endpoint: TestEndpoint; sink: ReplaySink }>({
  endpoint: async ({ request }, use) => {
    await use(await createEndpoint(request));
  },
  // Playwright reads a fixture's dependencies from its first parameter; the sink has none.
  sink: async ({ request: _request }, use) => {
    const sink = await startReplaySink();
    await use(sink);
    await sink.close();
  },
});

/** Opens one of the delivery view's tabs (raw body, headers, replays, ...). */
export async function openTab(page: Page, name: string) {
  await page.getByRole("tab", { name, exact: true }).click();
}

export { expect };
