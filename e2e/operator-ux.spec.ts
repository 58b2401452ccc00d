import { createEndpoint, expect, openTab, sendEvent, test } from "./support/fixtures";
import { backgroundRgb, horizontalOverflow, isDark, isLight } from "./support/page-checks";

const server = (id: string, result = "succeed") => ({
  resource_type: "server",
  action: "create",
  result,
  resource_details: { id, name: `ux-${id}` },
});

test("the theme follows the system, and the switch overrides it for this browser", async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  expect(isDark(await backgroundRgb(page))).toBe(true);
  await page.emulateMedia({ colorScheme: "light" });
  expect(isLight(await backgroundRgb(page))).toBe(true);

  await page.getByText("Display", { exact: true }).click();
  await page.getByText("Dark", { exact: true }).click();
  expect(isDark(await backgroundRgb(page))).toBe(true);
  // Kept across pages and reloads, against the system's light.
  await page.goto("/events");
  expect(isDark(await backgroundRgb(page))).toBe(true);
  expect(isDark(await backgroundRgb(page, "header"))).toBe(true);

  await page.getByText("Display", { exact: true }).click();
  await page.getByText("System", { exact: true }).click();
  expect(isLight(await backgroundRgb(page))).toBe(true);
  await page.reload();
  expect(isLight(await backgroundRgb(page))).toBe(true);
});

test("times are in the browser's zone, or UTC by choice; the feed counts back from now", async ({
  page,
  request,
  endpoint,
}) => {
  const id = await sendEvent(request, endpoint, server("tz-1"));
  const stored = (await (await request.get(`/api/events/${id}`)).json()) as {
    received_at: string;
  };
  await page.goto(`/events?endpoint=${endpoint.id}`);
  const time = page.locator(`[data-testid="feed-row"][data-event-id="${id}"] time`);
  await expect(time).toHaveText(/just now|\d+ s ago/);
  await expect(time).toHaveAttribute("title", /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC[+-]/);

  await page.goto(`/events/${id}`);
  const received = page.getByRole("region", { name: "What arrived" }).locator("time");
  await expect(received).not.toContainText("UTC");
  await page.getByText("Display", { exact: true }).click();
  await page.getByText("UTC", { exact: true }).click();
  const utc = `${stored.received_at.slice(0, 10)} ${stored.received_at.slice(11, 19)} UTC`;
  await expect(received).toHaveText(utc);
  await page.reload();
  await expect(received).toHaveText(utc);
});

test("? lists the shortcuts and / goes to the search box", async ({ page }) => {
  await page.goto("/events");
  await expect(page.getByRole("heading", { name: "Events" })).toBeVisible();
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  // The heading is server-rendered: the key listener comes with hydration, a moment later
  // on a busy machine. "?" only ever opens the list, so pressing it again is harmless.
  await expect(async () => {
    await page.keyboard.press("?");
    await expect(dialog).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(dialog).toContainText("Focus the search box");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await page.keyboard.press("/");
  await expect(page.getByLabel("Search", { exact: true })).toBeFocused();
  // Typed into the box, "/" and "?" are text, not shortcuts.
  await page.keyboard.type("a/b?");
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue("a/b?");
  await expect(dialog).toBeHidden();
});

test("a feed filter saved under a name opens again from the menu", async ({
  page,
  request,
  endpoint,
}) => {
  await sendEvent(request, endpoint, server("sv-1", "failed"));
  await sendEvent(request, endpoint, server("sv-2"));
  await page.goto(`/events?endpoint=${endpoint.id}&result=failed`);
  await expect(page.getByTestId("feed-row")).toHaveCount(1);
  await page.getByRole("button", { name: "Save view" }).click();
  await page.getByLabel("View name").fill("Failed on my endpoint");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  await page.goto("/resources");
  await page.getByText(/^Views/).click();
  await page.getByRole("link", { name: "Failed on my endpoint" }).click();
  await expect(page).toHaveURL(/\/events\?.*result=failed/);
  await expect(page.getByTestId("feed-row")).toHaveCount(1);
  await expect(page.getByTestId("feed-row")).toContainText("ux-sv-1");

  await page.getByText(/^Views/).click();
  await page.getByRole("button", { name: "Forget view Failed on my endpoint" }).click();
  await expect(page.getByRole("link", { name: "Failed on my endpoint" })).toHaveCount(0);
});

test("every page names itself, and the favicon is served", async ({ page, request, endpoint }) => {
  const id = await sendEvent(request, endpoint, server("title-1"));
  const titles: Array<[string, string]> = [
    ["/", "Overview · Hooklens"],
    ["/events", "Events · Hooklens"],
    [`/events/${id}`, `Delivery #${id} · Hooklens`],
    ["/resources", "Resources · Hooklens"],
    ["/resources/server/title-1", "server title-1 · Hooklens"],
    ["/replays", "Replays · Hooklens"],
    ["/replays/bulk", "New bulk replay · Hooklens"],
    ["/endpoints", "Endpoints · Hooklens"],
    ["/setup", "Setup · Hooklens"],
    ["/no-such-page", "Page not found · Hooklens"],
  ];
  for (const [path, title] of titles) {
    await page.goto(path);
    await expect(page).toHaveTitle(title);
  }
  // A page that does not exist still has the navigation and a way on.
  await expect(page.getByRole("link", { name: "Event feed" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`no page is wider than the screen (${colorScheme} theme)`, async ({
      page,
      request,
      endpoint,
      sink,
    }) => {
      await page.emulateMedia({ colorScheme });
      // A long endpoint name is offered in every endpoint picker (feed, bulk, forwarding).
      const longName = `staging-platform-webhook-robot-for-the-infra-team-${colorScheme}`;
      await createEndpoint(request, { name: longName });
      const resource = "phone-with-a-rather-long-resource-id-1";
      const id = await sendEvent(request, endpoint, {
        ...server(resource),
        resource_details: { id: resource, name: "生产数据库-主节点-with-a-very-long-name-0001" },
      });
      await sendEvent(request, endpoint, { ...server(resource), action: "update" });
      const replay = await request.post(`/api/events/${id}/replay`, {
        data: { url: sink.url("/ok"), mode: "exact" },
      });
      const bulk = await request.post("/api/replays/bulk", {
        data: { url: sink.url("/ok"), filter: { endpoint: endpoint.id } },
      });
      const rule = await request.post("/api/forwards", {
        data: { name: "CMDB 同步", url: sink.url("/ok"), mode: "exact", filter: {} },
      });
      const ids = await Promise.all(
        [replay, bulk, rule].map(async (answer) => ((await answer.json()) as { id: number }).id),
      );
      const paths = [
        "/",
        "/events",
        `/events/${id}`,
        "/events/99999999",
        "/resources",
        "/resources/changes",
        `/resources/server/${resource}`,
        "/resources/server/no-such-resource",
        "/replays",
        `/replays/${ids[0]}`,
        "/replays/bulk",
        `/replays/bulk/${ids[1]}`,
        "/forwards",
        `/forwards/${ids[2]}`,
        "/endpoints",
        `/setup?endpoint=${endpoint.id}&step=apply`,
        "/setup",
        `/setup?endpoint=${endpoint.id}&step=preview`,
        `/setup?endpoint=${endpoint.id}&step=subscription`,
        "/no-such-page",
      ];
      for (const path of paths) {
        await page.goto(path);
        await expect(page.getByRole("heading").first()).toBeVisible();
        await expect(page.getByRole("status").filter({ hasText: /^Loading/ })).toHaveCount(0);
        if (["/events", "/replays/bulk", "/forwards"].includes(path))
          await expect(page.locator("option", { hasText: longName }).first()).toBeAttached();
        await expect(page.getByRole("link", { name: "Resources", exact: true })).toBeHidden();
        const overflow = await horizontalOverflow(page);
        expect(overflow.extra, `${path}: ${overflow.culprits}`).toBe(0);
      }
      expect(isDark(await backgroundRgb(page))).toBe(colorScheme === "dark");
      await page.goto(`/events/${id}`);
      await openTab(page, "Headers");
      expect((await horizontalOverflow(page)).extra).toBe(0);
      await page.keyboard.press("?");
      await expect(page.getByRole("dialog")).toBeVisible();
      expect((await horizontalOverflow(page)).extra).toBe(0);
    });
  }

  test("the menu folds, and opens with Log out on screen", async ({ page }) => {
    await page.goto("/events");
    await expect(page.getByRole("link", { name: "Resources" })).toBeHidden();
    await page.getByRole("button", { name: "Menu" }).click();
    await expect(page.getByRole("button", { name: "Log out" })).toBeInViewport();
    expect((await horizontalOverflow(page)).extra).toBe(0);
    await page.getByRole("link", { name: "Resources" }).click();
    await expect(page).toHaveURL(/\/resources$/);
    await expect(page.getByRole("link", { name: "Events" })).toBeHidden();
  });
});

test.describe("a stranger", () => {
  test.use({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: {} });

  test("sees the login page without the navigation", async ({ page }) => {
    await page.goto("/login");
    await expect(page).toHaveTitle("Log in · Hooklens");
    await expect(page.getByLabel("Admin token")).toBeVisible();
    await expect(page.getByRole("link", { name: "Events" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Log out" })).toHaveCount(0);
  });

  test("on a phone, the login page fits the screen in both themes", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await page.goto("/login");
      await expect(page.getByLabel("Admin token")).toBeVisible();
      expect(isDark(await backgroundRgb(page))).toBe(colorScheme === "dark");
      expect((await horizontalOverflow(page)).extra).toBe(0);
    }
  });
});
