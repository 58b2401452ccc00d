import { expect, sendEvent, test } from "./support/fixtures";

test("searching inside payloads: typed in the feed, kept in the URL, shown again after a reload", async ({
  page,
  request,
  endpoint,
}) => {
  const server = (name: string, host: string, vcpu: number) => ({
    resource_type: "server",
    action: "update",
    resource_details: {
      id: `srv-${name}`,
      name,
      host,
      vcpu_count: vcpu,
      nics: [{ mac: "00:22:a9:01:06:aa" }],
    },
  });
  await sendEvent(request, endpoint, server("search-alpha", "node-48", 8));
  await sendEvent(request, endpoint, server("search-bravo", "node-480", 2));
  await sendEvent(request, endpoint, server("search-charlie", "node-48", 16));
  await page.goto(`/events?endpoint=${endpoint.id}`);
  const rows = page.getByTestId("feed-row");
  await expect(rows).toHaveCount(3);

  const search = page.getByLabel("Search", { exact: true });
  // An unfinished query says where it stops, and the feed keeps its rows.
  await search.fill('host:"node-48');
  await expect(page.getByText("Cannot search: Unclosed quote")).toContainText("at character 6");
  await expect(rows).toHaveCount(3);

  // Field names seen in this installation are offered while typing one.
  await search.fill("vcpu_c");
  await page.getByRole("button", { name: "vcpu_count:" }).click();
  await expect(search).toHaveValue("vcpu_count:");
  await search.fill("host:node-48 vcpu_count:>10");
  await expect(page).toHaveURL(/q=host%3Anode-48\+vcpu_count%3A%3E10/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("search-charlie");

  await page.reload();
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue(
    "host:node-48 vcpu_count:>10",
  );
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("search-charlie");

  await page.getByText("Search syntax").click();
  await expect(page.getByText("numbers compare as numbers")).toBeVisible();
});
