import { expect, openTab, sendEvent, test } from "./support/fixtures";

const server = {
  resource_type: "server",
  action: "create",
  resource_details: { id: "srv-replay", name: "web <01>" },
};

test("replays a delivery from its view and shows the sink's answer", async ({
  page,
  request,
  endpoint,
  sink,
}) => {
  const id = await sendEvent(request, endpoint, server, { header: { "X-Robot": "r1" } });
  const stored = (await (await request.get(`/api/events/${id}`)).json()) as { body: string };
  await page.goto(`/events/${id}`);
  await openTab(page, "Replays");
  const panel = page.locator("section#replay");
  await expect(panel.getByText("Not replayed yet.")).toBeVisible();

  await panel.getByLabel("Target URL").fill(sink.url("/ok"));
  await panel.getByRole("button", { name: "Send replay" }).click();
  const attempt = panel.getByTestId("replay-attempt");
  await expect(attempt.getByTestId("replay-status")).toHaveText("200");
  await expect(attempt.getByTestId("replay-sent-at")).toContainText(
    new Date().toISOString().slice(0, 4),
  );
  await expect(attempt.getByTestId("replay-response-body")).toHaveText(
    JSON.stringify({ received: Buffer.byteLength(stored.body), sink: "ok" }),
  );
  await expect(attempt.getByTestId("replay-response-headers")).toContainText("replay-sink");
  await expect(panel.getByTestId("replay-history").getByTestId("replay-row")).toHaveCount(1);
  expect(sink.requests).toHaveLength(1);
  expect(sink.requests[0]?.body.toString()).toBe(stored.body);
  expect(sink.requests[0]?.headers.find(([name]) => name.toLowerCase() === "x-robot")?.[1]).toBe(
    "r1",
  );

  // Run again from the history: a second identical request.
  await panel.getByRole("button", { name: "Run again" }).click();
  await expect(panel.getByTestId("replay-history").getByTestId("replay-row")).toHaveCount(2);
  expect(sink.requests[1]?.body.toString()).toBe(stored.body);
});

test("edits a replay with a diff of the changes, after the guard refuses a metadata address", async ({
  page,
  request,
  endpoint,
  sink,
}) => {
  const id = await sendEvent(request, endpoint, server);
  await page.goto(`/events/${id}`);
  await openTab(page, "Replays");
  const panel = page.locator("section#replay");

  await panel.getByLabel("Target URL").fill("http://169.254.169.254/latest/meta-data/");
  await panel.getByRole("button", { name: "Send replay" }).click();
  await expect(panel.getByRole("alert")).toContainText("cloud metadata");

  await panel.getByLabel("Target URL").fill(sink.url("/ok"));
  await panel.getByLabel(/^Edited/).check();
  const headers = panel.getByLabel(/^Headers/);
  await headers.fill(`${await headers.inputValue()}\nX-Extra: yes`);
  await panel.getByLabel("Body", { exact: true }).fill('{"edited":"by hand"}');
  const diff = panel.getByTestId("replay-diff");
  await expect(diff).toContainText("+ X-Extra: yes");
  await expect(diff).toContainText('+ body.edited "by hand"');
  await expect(diff).toContainText("− body.action");

  await panel.getByRole("button", { name: "Send replay" }).click();
  await expect(panel.getByTestId("replay-status")).toHaveText("200");
  expect(sink.requests).toHaveLength(1);
  expect(sink.requests[0]?.body.toString()).toBe('{"edited":"by hand"}');
  expect(sink.requests[0]?.headers).toContainEqual(["X-Extra", "yes"]);
});

test("replays from a feed row", async ({ page, request, endpoint, sink }) => {
  const id = await sendEvent(request, endpoint, server);
  await page.goto(`/events?endpoint=${endpoint.id}`);
  const row = page.locator(`[data-testid="feed-row"][data-event-id="${id}"]`);
  await row.getByRole("button", { name: "Replay" }).click();
  const dialog = page.getByRole("dialog", { name: `Replay delivery #${id}` });
  await dialog.getByLabel("Target URL").fill(sink.url("/fail"));
  await dialog.getByRole("button", { name: "Send replay" }).click();
  await expect(dialog.getByTestId("replay-status")).toHaveText("500");
  await expect(dialog.getByTestId("replay-response-body")).toHaveText("sink failure");
  expect(sink.requests).toHaveLength(1);
});
