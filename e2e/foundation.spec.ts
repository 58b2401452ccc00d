import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, openTab, sendWebhook, test } from "./support/fixtures";

const sample = JSON.parse(
  readFileSync(
    path.resolve(import.meta.dirname, "../tests/fixtures/cloudpods/host-update-doc-example.json"),
    "utf8",
  ),
) as { headers: Record<string, string>; body: string };

test("a webhook shows on the home page and on its event page", async ({
  page,
  request,
  endpoint,
}) => {
  const sent = await sendWebhook(request, endpoint, sample);
  expect(sent.status).toBe(200);

  await page.goto("/");
  await expect(page.getByTestId("receiver-url").first()).toContainText("/api/hooks/");
  const row = page.getByTestId("event-row").filter({ hasText: "HOST/UPDATE" }).first();
  await expect(row).toContainText("yunion");

  await page.goto(`/events/${sent.body.id}`);
  await expect(page.getByRole("heading", { name: `Delivery #${sent.body.id}` })).toBeVisible();
  await expect(page.getByText("Decoded message (test)")).toBeVisible();
  await openTab(page, "Headers");
  await expect(page.getByTestId("headers-table")).toContainText("X-Yunion-Event");
  await expect(page.getByTestId("headers-table")).toContainText("HOST/UPDATE");
  await openTab(page, "Raw body");
  await expect(page.getByTestId("raw-body")).toHaveText(sample.body);
  await expect(page.getByRole("link", { name: "Resource timeline →" })).toHaveAttribute(
    "href",
    "/resources/host/h-yunion-0001",
  );
});
