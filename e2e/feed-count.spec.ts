import type { Page } from "@playwright/test";
import { expect, sendEvent, test } from "./support/fixtures";

const server = (name: string, host: string) => ({
  resource_type: "server",
  action: "update",
  resource_details: { id: `srv-${name}`, name, host },
});
const disk = (name: string) => ({
  resource_type: "disk",
  action: "update",
  resource_details: { id: `disk-${name}`, name, host: "node-7" },
});

const rows = (page: Page) => page.getByTestId("feed-row");
const count = (page: Page) => page.getByTestId("match-count");

// Shorter than the pickers' periodic recount (5 s), so only following the arrivals passes.
const FOLLOWS = { timeout: 2_000 };

test('the "N matching" count follows live deliveries that match the filter, and only those', async ({
  page,
  request,
  endpoint,
}) => {
  await sendEvent(request, endpoint, server("count-a", "node-7"));
  await sendEvent(request, endpoint, server("count-b", "node-7"));
  await sendEvent(request, endpoint, disk("count-c"));
  await page.goto(`/events?endpoint=${endpoint.id}&resource_type=server`);
  await expect(page.getByTestId("live-state")).toHaveText("Live");
  await expect(rows(page)).toHaveCount(2);
  await expect(count(page)).toHaveText("2 matching");

  for (let i = 1; i <= 5; i++) {
    await sendEvent(request, endpoint, server(`count-new-${i}`, "node-7"));
    await sendEvent(request, endpoint, disk(`count-other-${i}`));
    await expect(rows(page)).toHaveCount(2 + i);
    await expect(count(page)).toHaveText(`${2 + i} matching`, FOLLOWS);
  }
  // Paused, the rows wait but the count still says what matches.
  await page.getByRole("button", { name: "Pause" }).click();
  await sendEvent(request, endpoint, server("count-paused", "node-7"));
  await expect(page.getByTestId("arrived-while-paused")).toHaveText("1 new");
  await expect(count(page)).toHaveText("8 matching", FOLLOWS);
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(rows(page)).toHaveCount(8);
  await expect(count(page)).toHaveText("8 matching");

  // After the periodic recount the figure is unchanged: nothing was counted twice.
  await page.waitForResponse((response) => response.url().includes("/api/events/facets"));
  await expect(count(page)).toHaveText("8 matching");
});

test("with a payload search, the count follows the deliveries whose payload matches", async ({
  page,
  request,
  endpoint,
}) => {
  await sendEvent(request, endpoint, server("search-count-a", "node-61"));
  await sendEvent(request, endpoint, server("search-count-b", "node-5"));
  await page.goto(`/events?endpoint=${endpoint.id}&q=${encodeURIComponent("host:node-61")}`);
  await expect(page.getByTestId("live-state")).toHaveText("Live");
  await expect(rows(page)).toHaveCount(1);
  await expect(count(page)).toHaveText("1 matching");

  for (let i = 1; i <= 3; i++) {
    await sendEvent(request, endpoint, server(`search-count-hit-${i}`, "node-61"));
    await sendEvent(request, endpoint, server(`search-count-miss-${i}`, "node-5"));
    await expect(rows(page)).toHaveCount(1 + i);
    await expect(count(page)).toHaveText(`${1 + i} matching`, FOLLOWS);
  }
});
