import { readFile } from "node:fs/promises";
import { expect, sendEvent, test } from "./support/fixtures";

test("an export from the feed holds exactly the filtered deliveries", async ({
  page,
  request,
  endpoint,
}) => {
  const send = (resource_type: string, action: string, id: string, name: string) =>
    sendEvent(request, endpoint, { resource_type, action, resource_details: { id, name } });
  const wanted = [await send("server", "create", "s1", 'one, "quoted"')];
  await send("disk", "create", "d1", "not-me");
  wanted.push(await send("server", "create", "s2", "two"));
  await send("server", "delete", "s3", "nor-me");

  await page.goto(`/events?endpoint=${endpoint.id}&resource_type=server&action=create`);
  await expect(page.getByTestId("feed-row")).toHaveCount(2);

  const [ndjson] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "NDJSON" }).click(),
  ]);
  expect(ndjson.suggestedFilename()).toMatch(/^hooklens-events-.*\.ndjson$/);
  const lines = (await readFile(await ndjson.path(), "utf8")).trimEnd().split("\n");
  const items = lines.map(
    (line) =>
      JSON.parse(line) as {
        id: number;
        resource_type: string;
        action: string;
        endpoint_id: string;
      },
  );
  expect(items.map((item) => item.id)).toEqual(wanted);
  expect(
    items.every(
      (item) =>
        item.resource_type === "server" &&
        item.action === "create" &&
        item.endpoint_id === endpoint.id,
    ),
  ).toBe(true);

  const [csv] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "CSV" }).click(),
  ]);
  const text = await readFile(await csv.path(), "utf8");
  const [header, ...rows] = text.trimEnd().split("\r\n");
  expect(header?.startsWith("id,received_at,")).toBe(true);
  expect(rows.map((row) => Number(row.split(",")[0]))).toEqual(wanted);
  expect(text).toContain('"one, ""quoted"""');
});
