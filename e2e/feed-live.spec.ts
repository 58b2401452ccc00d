import type { Page, Route } from "@playwright/test";
import { expect, sendEvent, test } from "./support/fixtures";

const server = (action: string, name: string) => ({
  resource_type: "server",
  action,
  resource_details: { id: `srv-${name}`, name },
});

const rows = (page: Page) => page.getByTestId("feed-row");

test("live rows stay in the feed after the overview refreshed the event lists", async ({
  page,
  request,
  endpoint,
}) => {
  await sendEvent(request, endpoint, server("create", "stored"));
  await page.goto(`/events?endpoint=${endpoint.id}`);
  await expect(page.getByTestId("live-state")).toHaveText("Live");
  await expect(rows(page)).toHaveCount(1);
  // Pushed by the stream: in the feed's cache only, never in a fetched page.
  await sendEvent(request, endpoint, server("update", "pushed"));
  await expect(rows(page).first()).toContainText("pushed");

  // The overview refreshes every event list on each arrival, here one it shows.
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Overview" })
    .click();
  const latest = page.locator("section").filter({ hasText: "Latest deliveries" });
  await expect(latest).toContainText("pushed");
  await sendEvent(request, endpoint, server("update", "while-away"));
  await expect(latest).toContainText("while-away");

  // From here a fetch of the feed's pages answers with what the server had when it was
  // asked, but only once the stream has pushed a newer row: the race that would drop it.
  const feedFetches: string[] = [];
  const answered: Promise<void>[] = [];
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === "/api/events" && url.searchParams.get("endpoint") === endpoint.id,
    (route: Route) => {
      feedFetches.push(route.request().url());
      const answer = route.fetch().then(async (response) => {
        await released;
        await route.fulfill({ response });
      });
      answered.push(answer);
      return answer;
    },
  );

  await page.goBack();
  await expect(page.getByTestId("live-state")).toHaveText("Live");
  await sendEvent(request, endpoint, server("delete", "after-return"));
  await expect(rows(page).first()).toContainText("after-return");
  release();
  await Promise.all(answered);

  // The feed was not fetched again behind the stream's back, so every row is there:
  // the cached ones, the catch-up's and the one pushed since.
  expect(feedFetches).toEqual([]);
  await expect(rows(page)).toHaveCount(4);
  for (const [index, name] of ["after-return", "while-away", "pushed", "stored"].entries())
    await expect(rows(page).nth(index)).toContainText(name);
});
