import { renderDelivery } from "../lib/cloudpods/render-delivery";
import { createEndpoint, expect, openTab, sendEvent, sendWebhook, test } from "./support/fixtures";

const event = (id: string, action: string) => ({
  resource_type: "server",
  action,
  result: "succeed",
  resource_details: { id, name: `web-${id}` },
});

test("the delivery view leads with the event, the answer given and the resource's timeline", async ({
  page,
  request,
  endpoint,
}) => {
  const first = await sendEvent(request, endpoint, event("lead-1", "create"));
  const id = await sendEvent(request, endpoint, event("lead-1", "start"));
  await page.goto(`/events/${id}`);
  await expect(page).toHaveTitle(`Delivery #${id} · Hooklens`);

  const lead = page.getByRole("region", { name: "What arrived" });
  await expect(lead).toContainText("server");
  await expect(lead).toContainText("start");
  await expect(lead).toContainText("web-lead-1");
  await expect(lead.getByTestId("receiver-answer")).toContainText("200");
  await expect(lead.getByTestId("receiver-answer")).toContainText("accepted");

  // The resource's other deliveries sit beside it, this one marked.
  const context = page.getByTestId("resource-context");
  await expect(context.getByRole("listitem")).toHaveCount(2);
  await expect(context.locator("[aria-current]")).toContainText("start");
  await context.getByRole("link").nth(1).click();
  await expect(page).toHaveURL(new RegExp(`/events/${first}$`));
  await expect(page.getByRole("heading", { name: `Delivery #${first}` })).toBeVisible();

  // Raw material is in tabs, one shown at a time, and the last one chosen is remembered.
  await expect(page.getByTestId("raw-body")).toHaveCount(0);
  await openTab(page, "Raw body");
  await expect(page.getByTestId("raw-body")).toContainText("lead-1");
  await expect(page.getByTestId("decoded-message-tree")).toHaveCount(0);
  await page.goto(`/events/${id}`);
  await expect(page.getByRole("tab", { name: "Raw body" })).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await expect(page.getByTestId("raw-body")).toBeVisible();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThan(1600);
});

test("a delivery with a signature that does not match says it was answered 401", async ({
  page,
  request,
}) => {
  const signed = await createEndpoint(request, { secret_key: "right-secret" });
  const sent = await sendWebhook(
    request,
    signed,
    renderDelivery({ kind: "event", event: event("sig-1", "stop") }, { secretKey: "wrong" }),
  );
  expect(sent.status).toBe(401);
  await page.goto(`/events/${sent.body.id}`);
  const answer = page.getByTestId("receiver-answer");
  await expect(answer).toContainText("401");
  await expect(answer).toContainText("X-Auth-Token does not match");
});

test("a delivery that is not kept says so and offers the way back", async ({ page }) => {
  await page.goto("/events/987654321");
  await expect(page.getByText("No delivery #987654321 is kept here")).toBeVisible();
  await page.getByRole("link", { name: "Back to the event feed" }).click();
  await expect(page).toHaveURL(/\/events$/);
});

test("the duplicate badge sits beside the event, not under the Replay button", async ({
  page,
  request,
  endpoint,
}) => {
  const delivery = renderDelivery({ kind: "event", event: event("dup-1", "update") });
  await sendWebhook(request, endpoint, delivery);
  const again = await sendWebhook(request, endpoint, delivery);
  await page.goto(`/events?endpoint=${endpoint.id}`);
  const row = page.locator(`[data-testid="feed-row"][data-event-id="${again.body.id}"]`);
  const badge = row.getByText("duplicate", { exact: true });
  const eventLink = row.getByRole("link", { name: "SERVER/UPDATE" });
  const replay = row.getByRole("button", { name: "Replay" });
  const [badgeBox, linkBox, replayBox] = await Promise.all([
    badge.boundingBox(),
    eventLink.boundingBox(),
    replay.boundingBox(),
  ]);
  expect(badgeBox && linkBox && replayBox).toBeTruthy();
  // Same line as the event type, far left of the Replay button.
  expect(Math.abs((badgeBox?.y ?? 0) - (linkBox?.y ?? 0))).toBeLessThan(12);
  expect((badgeBox?.x ?? 0) + (badgeBox?.width ?? 0)).toBeLessThan(replayBox?.x ?? 0);
});
