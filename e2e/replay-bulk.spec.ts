import { expect, sendEvent, test } from "./support/fixtures";

test("picks a bulk replay with the feed's filters, counts it without a target, runs it and sees every result", async ({
  page,
  request,
  endpoint,
  sink,
}) => {
  const servers: number[] = [];
  for (const [i, type] of ["server", "disk", "server", "server"].entries()) {
    const id = await sendEvent(request, endpoint, {
      resource_type: type,
      action: "create",
      resource_details: { id: `${type}-${i}`, name: `bulk-${i}` },
    });
    if (type === "server") servers.push(id);
  }
  const bodies = await Promise.all(
    servers.map(
      async (id) =>
        ((await (await request.get(`/api/events/${id}`)).json()) as { body: string }).body,
    ),
  );

  // From the feed, filtered, to a bulk replay of exactly that filter.
  await page.goto(`/events?endpoint=${endpoint.id}&resource_type=server`);
  await page.getByRole("link", { name: "Replay these…" }).click();
  await expect(page).toHaveURL(/\/replays\/bulk\?/);
  // The feed's own pickers, not free-text boxes for ids, booleans and ISO times.
  await expect(page.getByLabel("Endpoint", { exact: true })).toHaveValue(endpoint.id);
  await expect(page.getByLabel("Endpoint", { exact: true })).toContainText(endpoint.name);
  await expect(page.getByTestId("facet-resource_type").locator("summary")).toContainText(
    "Resource type: server",
  );
  await expect(page.getByLabel("Duplicates")).toBeVisible();
  for (const developerField of ["Endpoint id", "Duplicate (true/false)", "Since (ISO time)"])
    await expect(page.getByLabel(developerField)).toHaveCount(0);

  // Counted before any target is given, and again as the filter changes.
  const count = page.getByTestId("bulk-count");
  await expect(count).toHaveText("3 deliveries match, oldest first.");
  await expect(page.getByRole("button", { name: "Replay 3 deliveries" })).toBeDisabled();
  const types = page.getByTestId("facet-resource_type");
  await types.locator("summary").click();
  await types.getByRole("checkbox", { name: "server", exact: true }).uncheck();
  await types.getByRole("checkbox", { name: "disk", exact: true }).check();
  await expect(count).toHaveText("1 delivery matches, oldest first.");
  await expect(page).toHaveURL(/[?&]resource_type=disk(&|$)/);
  await page.getByLabel("Duplicates").selectOption({ label: "Duplicates only" });
  await expect(count).toHaveText("No delivery matches this filter.");
  await page.goto(`/replays/bulk?endpoint=${endpoint.id}&resource_type=server`);
  await expect(count).toHaveText("3 deliveries match, oldest first.");

  await page.getByLabel("Target URL").fill(sink.url("/delay?ms=600"));
  await page.getByLabel("At most in flight").fill("1");
  expect(sink.requests).toHaveLength(0);

  await page.getByRole("button", { name: "Replay 3 deliveries" }).click();
  await expect(page).toHaveURL(/\/replays\/bulk\/\d+$/);
  // Progress arrives over the stream; the page is never reloaded.
  await expect(page.getByTestId("bulk-state")).toHaveText("done");
  await expect(page.getByTestId("bulk-counts")).toHaveText("3 of 3 sent · 3 succeeded · 0 failed");
  const rows = page.getByTestId("bulk-results").getByTestId("replay-row");
  await expect(rows).toHaveCount(3);
  for (const [i, id] of servers.entries()) {
    await expect(rows.nth(i).getByRole("link", { name: `#${id}`, exact: true })).toBeVisible();
    await expect(rows.nth(i)).toContainText("200");
  }
  // Oldest first, each the stored bytes.
  expect(sink.requests.map((r) => r.body.toString())).toEqual(bodies);

  await page.goto("/replays");
  await expect(page.getByTestId("bulk-row").first()).toContainText("3/3 sent · 3 ok · 0 failed");
});
