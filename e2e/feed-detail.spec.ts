import { readFile } from "node:fs/promises";
import { expect, openTab, sendEvent, test } from "./support/fixtures";

test("the delivery view offers the request as curl and as a JSON download", async ({
  page,
  request,
  endpoint,
}) => {
  const id = await sendEvent(
    request,
    endpoint,
    {
      resource_type: "server",
      action: "create",
      resource_details: { id: "srv-curl", name: "it's web" },
    },
    { header: { "X-Robot": "r1" }, msgKey: "content" },
  );
  await page.goto(`/events/${id}`);
  await expect(page.getByRole("heading", { name: `Delivery #${id}` })).toBeVisible();

  // The msg_key value is itself JSON: shown as a tree.
  await expect(page.getByText("Decoded message (content)")).toBeVisible();
  await expect(page.getByTestId("decoded-message-tree")).toContainText("resource_details");
  await expect(page.getByRole("link", { name: "Resource timeline →" })).toHaveAttribute(
    "href",
    "/resources/server/srv-curl",
  );

  await openTab(page, "curl");
  const curl = page.getByTestId("curl-command");
  await expect(curl).toContainText(`curl '${endpoint.receiver_url}'`);
  await expect(curl).toContainText("-H 'X-Yunion-Event: SERVER/CREATE'");
  await expect(curl).toContainText("-H 'X-Robot: r1'");
  await expect(curl).toContainText("it'\\''s web");

  await page.getByRole("button", { name: "Copy as curl" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download JSON" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`delivery-${id}.json`);
  const saved = JSON.parse(await readFile(await download.path(), "utf8")) as {
    id: number;
    body: string;
    headers: Array<[string, string]>;
  };
  const stored = (await (await request.get(`/api/events/${id}`)).json()) as {
    body: string;
    headers: Array<[string, string]>;
  };
  expect(saved.id).toBe(id);
  expect(saved.body).toBe(stored.body);
  expect(saved.headers).toEqual(stored.headers);
});
