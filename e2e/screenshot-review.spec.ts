import { renderDelivery } from "../lib/cloudpods/render-delivery";
import { expect, sendEvent, sendWebhook, test } from "./support/fixtures";

test("at 1440 px the feed's Replay buttons sit inside the card with room to spare", async ({
  page,
  request,
  endpoint,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  // Long names crowd the table, so the last column is only as wide as its button.
  let id = 0;
  for (const i of [0, 1, 2])
    id = await sendEvent(request, endpoint, {
      resource_type: "server",
      action: "update",
      result: i ? "succeed" : "failed",
      resource_details: {
        id: `fit-resource-identifier-long-${i}`,
        name: `生产数据库-主节点-with-a-very-long-name-000${i}`,
      },
    });
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto(`/events?endpoint=${endpoint.id}`);
    const row = page.locator(`[data-testid="feed-row"][data-event-id="${id}"]`);
    const button = row.getByRole("button", { name: "Replay" });
    await expect(button).toBeVisible();
    const card = await page.locator("section", { has: row }).last().boundingBox();
    const box = await button.boundingBox();
    // As much room as the first column has on the left (border and padding, 12 px).
    expect(card!.x + card!.width - (box!.x + box!.width)).toBeGreaterThanOrEqual(11);
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
    // As one sentence its first line runs across the label; as flex columns it is a narrow strip.
    const firstLine = await label.evaluate((element) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      let node = walker.nextNode();
      while (node && !node.textContent?.includes("use_template:")) node = walker.nextNode();
      const range = document.createRange();
      range.selectNodeContents(node!);
      return Math.max(...[...range.getClientRects()].map((rect) => rect.width));
    });
    const box = await label.boundingBox();
    expect(firstLine).toBeGreaterThan(box!.width * 0.6);
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
