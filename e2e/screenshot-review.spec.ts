import { renderDelivery } from "../lib/cloudpods/render-delivery";
import { expect, sendEvent, sendWebhook, test } from "./support/fixtures";

test("at 1440 px the feed's Replay buttons sit inside the card with room to spare", async ({
  page,
  request,
  endpoint,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const id = await sendEvent(request, endpoint, {
    resource_type: "server",
    action: "create",
    result: "succeed",
    resource_details: { id: "fit-1", name: "fit-1" },
  });
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto(`/events?endpoint=${endpoint.id}`);
    const row = page.locator(`[data-testid="feed-row"][data-event-id="${id}"]`);
    const button = row.getByRole("button", { name: "Replay" });
    await expect(button).toBeVisible();
    const card = await page.locator("section", { has: row }).last().boundingBox();
    const box = await button.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(card!.x + card!.width - 8);
  }
});

test("the feed previews alert text without terminal colour codes", async ({
  page,
  request,
  endpoint,
}) => {
  const text = "Level: \u001b[31mimportant\u001b[0m disk full";
  const sent = await sendWebhook(request, endpoint, renderDelivery({ kind: "text", text }, {}));
  expect(sent.status).toBe(200);
  await page.goto(`/events?endpoint=${endpoint.id}`);
  const row = page.locator(`[data-testid="feed-row"][data-event-id="${sent.body.id}"]`);
  await expect(row).toContainText("Level: important disk full");
  expect(await row.textContent()).not.toContain("\u001b");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the use_template label reads as one wrapping sentence", async ({ page }) => {
    await page.goto("/setup");
    const label = page.locator("label", { hasText: "use_template:" });
    await expect(label).toBeVisible();
    const box = await label.boundingBox();
    expect(box!.height).toBeLessThanOrEqual(80);
  });

  test("the changes table keeps rows short and names whole", async ({
    page,
    request,
    endpoint,
  }) => {
    const tag = Math.random().toString(36).slice(2, 8);
    const name = `prod database primary node ${tag}`;
    for (const status of ["ready", "running"])
      await sendEvent(request, endpoint, {
        resource_type: "server",
        action: "update",
        resource_details: { id: `chg-${tag}`, name, status },
      });
    await page.goto(`/resources/changes?resource_id=chg-${tag}`);
    const row = page.getByTestId("change-row").first();
    await expect(row).toContainText(name);
    const box = await row.boundingBox();
    expect(box!.height).toBeLessThan(100);
  });
});
