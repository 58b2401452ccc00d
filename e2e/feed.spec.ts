import type { Page } from "@playwright/test";
import { expect, openTab, sendEvent, test, type TestEndpoint } from "./support/fixtures";

const server = (action: string, name: string, result = "succeed") => ({
  resource_type: "server",
  action,
  result,
  resource_details: { id: `srv-${name}`, name },
});

async function openFeed(page: Page, endpoint: TestEndpoint, query = "") {
  await page.goto(`/events?endpoint=${endpoint.id}${query}`);
  await expect(page.getByTestId("live-state")).toHaveText("Live");
}

const rows = (page: Page) => page.getByTestId("feed-row");

test("deliveries sent over HTTP appear in the open feed without a reload", async ({
  page,
  request,
  endpoint,
}) => {
  await openFeed(page, endpoint);
  await expect(
    page
      .getByText("Nothing received yet", { exact: false })
      .or(page.getByText("No delivery matches")),
  ).toBeVisible();
  await page.evaluate(() => Object.assign(window, { feedMarker: "still the same page" }));

  const first = await sendEvent(request, endpoint, server("create", "live-one"));
  await expect(rows(page).filter({ hasText: "live-one" })).toBeVisible({ timeout: 5_000 });
  const second = await sendEvent(request, endpoint, server("start", "live-two", "failed"));
  await expect(rows(page).first()).toContainText("live-two", { timeout: 5_000 });

  await expect(rows(page)).toHaveCount(2);
  expect(
    await rows(page).evaluateAll((list) =>
      list.map((row) => Number(row.getAttribute("data-event-id"))),
    ),
  ).toEqual([second, first]);
  await expect(rows(page).first()).toContainText("SERVER/START/FAILED");
  await expect(rows(page).first()).toContainText("failed");
  expect(await page.evaluate(() => (window as unknown as { feedMarker?: string }).feedMarker)).toBe(
    "still the same page",
  );
});

test("filtering by resource type and action updates the URL, survives a reload and shows only matches", async ({
  page,
  request,
  endpoint,
}) => {
  await sendEvent(request, endpoint, server("create", "alpha"));
  await sendEvent(request, endpoint, server("delete", "bravo"));
  await sendEvent(request, endpoint, {
    resource_type: "host",
    action: "create",
    resource_details: { id: "h-1", name: "charlie" },
  });
  await openFeed(page, endpoint);
  await expect(rows(page)).toHaveCount(3);

  const typePicker = page.getByTestId("facet-resource_type");
  await typePicker.locator("summary").click();
  await expect(typePicker.getByRole("group")).toContainText(/server\s*2/);
  await expect(typePicker.getByRole("group")).toContainText(/host\s*1/);
  await typePicker.getByRole("checkbox", { name: "server", exact: true }).check();
  await expect(page).toHaveURL(/[?&]resource_type=server(&|$)/);
  await expect(rows(page)).toHaveCount(2);

  const actionPicker = page.getByTestId("facet-action");
  await actionPicker.locator("summary").click();
  // Counts for the current filter: servers only.
  await expect(actionPicker.getByRole("group")).toContainText(/create\s*1/);
  await expect(actionPicker.getByRole("group")).toContainText(/delete\s*1/);
  await actionPicker.getByRole("checkbox", { name: "create", exact: true }).check();
  await expect(page).toHaveURL(/[?&]action=create(&|$)/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("alpha");

  await page.reload();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("alpha");
  await expect(page.getByTestId("facet-resource_type").locator("summary")).toContainText(
    "Resource type: server",
  );
  await expect(page.getByTestId("facet-action").locator("summary")).toContainText("Action: create");

  // New arrivals respect the filter too.
  await expect(page.getByTestId("live-state")).toHaveText("Live");
  await sendEvent(request, endpoint, server("delete", "delta"));
  await sendEvent(request, endpoint, server("create", "echo"));
  await expect(rows(page).first()).toContainText("echo");
  await expect(rows(page)).toHaveCount(2);
});

test("a link with the API's filter names opens the feed filtered, and bad values are ignored", async ({
  page,
  request,
  endpoint,
}) => {
  await sendEvent(request, endpoint, server("create", "kept"));
  await sendEvent(request, endpoint, {
    resource_type: "disk",
    action: "create",
    resource_details: { id: "d", name: "dropped" },
  });
  await openFeed(
    page,
    endpoint,
    "&resource_type=server&action=create&duplicate=maybe&since=not-a-time",
  );
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("kept");
});

test("pause holds new deliveries with a count, resume shows them", async ({
  page,
  request,
  endpoint,
}) => {
  await sendEvent(request, endpoint, server("create", "before-pause"));
  await openFeed(page, endpoint);
  await expect(rows(page)).toHaveCount(1);

  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByTestId("live-state")).toHaveText("Paused");
  await sendEvent(request, endpoint, server("update", "while-paused-1"));
  await sendEvent(request, endpoint, server("update", "while-paused-2"));
  await expect(page.getByTestId("arrived-while-paused")).toHaveText("2 new");
  await expect(rows(page)).toHaveCount(1);

  await page.getByRole("button", { name: /Resume/ }).click();
  await expect(rows(page)).toHaveCount(3);
  await expect(rows(page).nth(0)).toContainText("while-paused-2");
  await expect(rows(page).nth(1)).toContainText("while-paused-1");
  await expect(page.getByTestId("arrived-while-paused")).toHaveCount(0);
  await expect(page.getByTestId("live-state")).toHaveText("Live");
});

test("j and k move through the rows and Enter opens the selected delivery", async ({
  page,
  request,
  endpoint,
}) => {
  const ids = [];
  for (const name of ["k-one", "k-two", "k-three"])
    ids.push(await sendEvent(request, endpoint, server("update", name)));
  await openFeed(page, endpoint);
  await expect(rows(page)).toHaveCount(3);
  await page.keyboard.press("j");
  await expect(rows(page).nth(0)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await expect(rows(page).nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(rows(page).nth(0)).toHaveAttribute("aria-selected", "false");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/events/${ids[1]}$`));
  await expect(page.getByRole("heading", { name: `Delivery #${ids[1]}` })).toBeVisible();
});

test("a resource named <script>alert(1)</script> shows as text", async ({
  page,
  request,
  endpoint,
}) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const name = "<script>alert(1)</script>";
  const id = await sendEvent(request, endpoint, {
    resource_type: "server",
    action: "create",
    resource_details: { id: "xss-1", name },
  });
  await sendEvent(request, endpoint, {
    resource_type: "server",
    action: "update",
    resource_details: { id: "xss-2", name: '<img src=x onerror="alert(2)">' },
  });
  await openFeed(page, endpoint);

  const row = page.locator(`[data-testid="feed-row"][data-event-id="${id}"]`);
  await expect(row.getByTestId("feed-resource")).toContainText(name);
  await expect(rows(page).first().getByTestId("feed-resource")).toContainText(
    '<img src=x onerror="alert(2)">',
  );
  await expect(page.locator("img[src='x']")).toHaveCount(0);

  await row.getByRole("link").first().click();
  // The raw body is byte-exact, and the platform's JSON writer never escapes < or >:
  // the tag arrives as written and must still show as text.
  await openTab(page, "Raw body");
  await expect(page.getByTestId("raw-body")).toContainText(`"name":"${name}"`);
  await openTab(page, "Payload");
  await expect(page.getByTestId("payload-tree")).toContainText(name);
  expect(
    await page
      .locator("script")
      .evaluateAll((scripts) => scripts.filter((s) => s.textContent?.includes("alert(1)")).length),
  ).toBe(0);
  expect(dialogs).toEqual([]);
});

test("coming back to the feed shows what arrived while away, from the cache plus the stream's catch-up", async ({
  page,
  request,
  endpoint,
}) => {
  await sendEvent(request, endpoint, server("create", "before-away"));
  await openFeed(page, endpoint);
  await expect(rows(page)).toHaveCount(1);

  // Client-side navigation away closes the stream; the feed's pages stay cached.
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Overview" })
    .click();
  await expect(page).toHaveURL(/\/$/);
  await sendEvent(request, endpoint, server("update", "while-away-1"));
  await sendEvent(request, endpoint, server("update", "while-away-2"));
  const listFetches: string[] = [];
  page.on("request", (sent) => {
    if (new URL(sent.url()).pathname === "/api/events") listFetches.push(sent.url());
  });
  await page.goBack();

  // The cached page is not refetched, so these can only come from the stream
  // reopening at the newest cached id.
  await expect(rows(page)).toHaveCount(3);
  expect(listFetches).toEqual([]);
  await expect(rows(page).nth(0)).toContainText("while-away-2");
  await expect(rows(page).nth(1)).toContainText("while-away-1");
  await expect(page.getByTestId("live-state")).toHaveText("Live");
  await sendEvent(request, endpoint, server("delete", "after-return"));
  await expect(rows(page).nth(0)).toContainText("after-return");
  await expect(rows(page)).toHaveCount(4);
});
