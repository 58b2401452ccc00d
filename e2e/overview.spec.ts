import type { APIRequestContext, Page } from "@playwright/test";
import { renderDelivery, type EventMessage } from "../lib/cloudpods/render-delivery";
import {
  createEndpoint,
  expect,
  sendEvent,
  sendWebhook,
  test,
  type TestEndpoint,
} from "./support/fixtures";

const details = (id: string) => ({ id, name: `${id}-名前` });

/** A known mix: 3 server creates (1 failed), 2 server updates, 1 disk create. */
async function sendMix(request: APIRequestContext, endpoint: TestEndpoint, secretKey?: string) {
  const mix: EventMessage[] = [
    { resource_type: "server", action: "create", resource_details: details("s-1") },
    { resource_type: "server", action: "create", resource_details: details("s-1") },
    {
      resource_type: "server",
      action: "create",
      result: "failed",
      resource_details: details("s-2"),
    },
    { resource_type: "server", action: "update", resource_details: details("s-1") },
    { resource_type: "server", action: "update", resource_details: details("s-1") },
    { resource_type: "disk", action: "create", result: "failed", resource_details: details("d-1") },
  ];
  for (const event of mix) await sendEvent(request, endpoint, event, { secretKey });
}

/** The counts in the accessible names of a group's chart segments ("server, …: 3 deliveries"). */
async function segmentCounts(page: Page, group: string): Promise<number[]> {
  const names = await page
    .getByTestId("volume-chart")
    .getByRole("link", { name: new RegExp(`^${group}, `) })
    .evaluateAll((links) => links.map((link) => link.getAttribute("aria-label") ?? ""));
  return names.map((name) => Number(/: (\d+) deliver/.exec(name)?.[1]));
}

test("the overview totals a known mix, and a segment opens the feed filtered to it", async ({
  page,
  request,
  endpoint,
}) => {
  await sendMix(request, endpoint);
  await page.goto(`/?endpoint=${endpoint.id}&range=1h`);

  const byAction = page.getByRole("list", { name: "Deliveries by action" }).getByRole("link");
  await expect(byAction).toHaveCount(2);
  await expect(byAction.nth(0)).toHaveAccessibleName("create: 4 deliveries");
  await expect(byAction.nth(1)).toHaveAccessibleName("update: 2 deliveries");

  await page
    .getByRole("group", { name: "Split by" })
    .getByRole("button", { name: "Resource type" })
    .click();
  await expect(page).toHaveURL(/group_by=resource_type/);
  await expect(page.getByRole("link", { name: "server: 5 deliveries" })).toBeVisible();
  await expect(page.getByRole("link", { name: "disk: 1 delivery" })).toBeVisible();
  await expect
    .poll(async () => (await segmentCounts(page, "server")).reduce((a, b) => a + b, 0))
    .toBe(5);

  const segment = page
    .getByTestId("volume-chart")
    .getByRole("link", { name: /^server, / })
    .first();
  const count = (await segmentCounts(page, "server"))[0]!;
  await segment.click();
  await expect(page).toHaveURL(/\/events\?/);
  const url = new URL(page.url());
  expect(Object.fromEntries(url.searchParams)).toEqual({
    endpoint: endpoint.id,
    resource_type: "server",
    since: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    until: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
  });
  // The feed's API, asked with exactly those parameters, lists what the segment counted.
  const feed = await request.get(`/api/events${url.search}`);
  expect(((await feed.json()) as { data: unknown[] }).data).toHaveLength(count);
});

test("the range, grouping and endpoint live in the URL", async ({ page, request, endpoint }) => {
  await sendEvent(request, endpoint, {
    resource_type: "host",
    action: "update",
    resource_details: details("h-1"),
  });
  await page.goto(`/?endpoint=${endpoint.id}&group_by=kind`);
  await expect(page.getByRole("link", { name: "event: 1 delivery" })).toBeVisible();

  await page.getByRole("button", { name: "7 days" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?range=7d&group_by=kind&endpoint=${endpoint.id}$`));
  await page.reload();
  await expect(page.getByRole("button", { name: "7 days" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page.getByRole("link", { name: "event: 1 delivery" })).toBeVisible();

  await page.getByRole("button", { name: "Custom" }).click();
  await page.getByLabel("Since").fill("2020-01-01T00:00");
  await page.getByLabel("Until").fill("2020-01-02T00:00");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/since=2020-01-0.T..%3A00%3A00\.000Z&until=2020-01-0/);
  await expect(page.getByTestId("overview-empty")).toContainText("No deliveries in this range.");
});

test("failures, top resources and latest failures open what they count", async ({
  page,
  request,
}) => {
  const endpoint = await createEndpoint(request, { secret_key: "robot-secret" });
  await sendMix(request, endpoint, "robot-secret");
  const forged = await sendWebhook(
    request,
    endpoint,
    renderDelivery({ kind: "text", text: "hello" }, { secretKey: "wrong" }),
  );
  expect(forged.status).toBe(401);
  await page.goto(`/?endpoint=${endpoint.id}&range=1h`);

  const failures = page.getByTestId("overview-failures");
  await expect(failures.getByTestId("failure-rate")).toContainText("3 of 7 deliveries");
  await expect(failures.getByRole("link", { name: "failed result: 2 deliveries" })).toHaveAttribute(
    "href",
    /result=failed/,
  );
  await expect(
    failures.getByRole("link", { name: "invalid signature: 1 delivery" }),
  ).toHaveAttribute("href", /signature=invalid/);
  await expect(page.getByRole("list", { name: "Latest failures" }).getByRole("link")).toHaveCount(
    3,
  );

  const busiest = page
    .getByRole("list", { name: "Top resources by deliveries" })
    .getByRole("link")
    .first();
  await expect(busiest).toHaveAccessibleName("server s-1-名前: 4 deliveries");
  await busiest.click();
  await expect(page).toHaveURL(/\/events\?/);
  const params = new URL(page.url()).searchParams;
  expect([params.get("endpoint"), params.get("resource_type"), params.get("resource_id")]).toEqual([
    endpoint.id,
    "server",
    "s-1",
  ]);
});

test("the overview follows deliveries as they arrive, without a reload", async ({
  page,
  request,
  endpoint,
}) => {
  await sendEvent(request, endpoint, {
    resource_type: "eip",
    action: "attach",
    resource_details: details("e-1"),
  });
  await page.goto(`/?endpoint=${endpoint.id}&range=1h`);
  await expect(page.getByRole("link", { name: "attach: 1 delivery" })).toBeVisible();
  await expect(page.getByTestId("live-state")).toHaveText("● live");

  await sendEvent(request, endpoint, {
    resource_type: "eip",
    action: "attach",
    resource_details: details("e-1"),
  });
  await sendEvent(request, endpoint, {
    resource_type: "eip",
    action: "detach",
    resource_details: details("e-1"),
  });
  await expect(page.getByRole("link", { name: "attach: 2 deliveries" })).toBeVisible();
  await expect(page.getByRole("link", { name: "detach: 1 delivery" })).toBeVisible();
});

test("a fresh endpoint says how to get its first deliveries", async ({ page, endpoint }) => {
  await page.goto(`/?endpoint=${endpoint.id}`);
  const empty = page.getByTestId("overview-empty");
  await expect(empty).toContainText("Nothing received yet.");
  await expect(empty.getByRole("link", { name: "setup wizard" })).toHaveAttribute("href", "/setup");
  await expect(empty).toContainText(`npm run simulate -- --url`);
  await expect(empty).toContainText(`/api/hooks/${endpoint.token}`);
});

test("both charts draw in the dark theme, at a desktop width", async ({
  page,
  request,
  endpoint,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: "dark" });
  await sendMix(request, endpoint);
  await page.goto(`/?endpoint=${endpoint.id}&range=1h`);
  await expect
    .poll(async () => (await segmentCounts(page, "create")).reduce((a, b) => a + b, 0))
    .toBe(4);
  // Drawn, not only laid out: each plot has a size, axis ticks and bars.
  for (const chart of ["volume-chart", "failure-chart"]) {
    const plot = page.getByTestId(chart);
    const box = await plot.locator("svg.recharts-surface").first().boundingBox();
    expect(box?.width ?? 0, chart).toBeGreaterThan(200);
    await expect
      .poll(() => plot.locator(".recharts-cartesian-axis-tick").count())
      .toBeGreaterThan(2);
    await expect.poll(() => plot.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(0);
  }
});
