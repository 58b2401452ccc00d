import { startForwardSink } from "../tests/support/forward-sink";
import { expect, sendEvent, test } from "./support/fixtures";

test("creates a forwarding rule, sees its counts live and a delivery's forwards", async ({
  page,
  request,
  endpoint,
}) => {
  const sink = await startForwardSink();
  try {
    const event = (i: number) => ({
      resource_type: "server",
      action: "create",
      resource_details: { id: `fwd-${i}`, name: `fwd-vm-${i}` },
    });
    const before = await sendEvent(request, endpoint, event(0));

    await page.goto("/forwards");
    await page.getByRole("link", { name: "Forwarding" }).first().waitFor();
    const form = page.getByRole("form", { name: "New rule" });
    await form.getByLabel("Name", { exact: true }).fill(`cmdb ${endpoint.name}`);
    await form.getByLabel("Target URL").fill(sink.url("/cmdb"));
    await form.getByLabel("Filter endpoint").selectOption({ label: endpoint.name });
    await form.getByRole("button", { name: "Dry run" }).click();
    await expect(page.getByTestId("dry-run")).toContainText("1 of the last");
    await expect(
      page.getByTestId("dry-run").getByRole("link", { name: `#${before}` }),
    ).toBeVisible();
    await form.getByRole("button", { name: "Create rule" }).click();
    await expect(page).toHaveURL(/\/forwards\/\d+$/);
    await expect(page.getByRole("heading", { name: `cmdb ${endpoint.name}` })).toBeVisible();
    await expect(page.getByTestId("count-pending")).toHaveText("0 pending");

    // New deliveries only: the one from before the rule is not forwarded.
    const ids: number[] = [];
    for (let i = 1; i <= 3; i++) ids.push(await sendEvent(request, endpoint, event(i)));
    // Counts arrive over the stream; the page is never reloaded.
    await expect(page.getByTestId("count-delivered")).toHaveText("3 delivered");
    await expect(page.getByTestId("rule-health")).toHaveText("healthy");
    await expect(page.getByTestId("attempts").locator("tbody tr")).toHaveCount(3);
    expect(sink.requests.map((r) => Number(r.header("x-hooklens-delivery")))).toEqual(ids);

    await page.getByRole("link", { name: "← Forwarding" }).click();
    const row = page.getByTestId("rule-row").filter({ hasText: `cmdb ${endpoint.name}` });
    await expect(row.getByTestId("count-delivered")).toHaveText("3 delivered");

    await page.goto(`/events/${ids[0]}`);
    const forwards = page.getByTestId("event-forwards");
    await expect(forwards).toContainText(`cmdb ${endpoint.name}`);
    await expect(forwards).toContainText("delivered");
    await expect(forwards).toContainText("answered 200");
  } finally {
    await sink.close();
  }
});
