import { readFile } from "node:fs/promises";
import { expect, sendEvent, test } from "./support/fixtures";

test("an export from the feed holds exactly the filtered deliveries", async ({
  page,
  request,
  endpoint,
}) => {
  const wanted = [];
  wanted.push(
    await sendEvent(request, endpoint, {
      resource_type: "server",
      action: "create",
      resource_details: { id: "s1", name: 'one, "quoted"' },
    }),
  );
  await sendEvent(request, endpoint, {
    resource_type: "disk",
    action: "create",
    resource_details: { id: "d1", name: "not-me" },
  });
  wanted.push(
    await sendEvent(request, endpoint, {
      resource_type: "server",
      action: "create",
      resource_details: { id: "s2", name: "two" },
    }),
  );
  await sendEvent(request, endpoint, {
    resource_type: "server",
    action: "delete",
    resource_details: { id: "s3", name: "nor-me" },
  });

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
