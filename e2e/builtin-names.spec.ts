import type { Page } from "@playwright/test";
import { expect, sendEvent, test } from "./support/fixtures";

/**
 * Platform values named like JavaScript built-ins (issue 13, item 3), sent as real
 * webhooks: the overview's totals, chart segments and top resources, and the feed's
 * facets, count each exactly as any other value. Name i is sent as resource_type,
 * action, result and resource id, i + 1 times; the platform lower-cases the first three.
 */
const NAMES = ["constructor", "toString", "__proto__", "hasOwnProperty"];
const times = (i: number) => i + 1;
const deliveries = (n: number) => `${n} ${n === 1 ? "delivery" : "deliveries"}`;
const TOTAL = NAMES.reduce((sum, _name, i) => sum + times(i), 0) + 2;

/** The counts in the accessible names of a group's chart segments ("tostring, …: 2 deliveries"). */
async function segmentTotal(page: Page, group: string): Promise<number> {
  const names = await page
    .getByTestId("volume-chart")
    .getByRole("link", { name: new RegExp(`^${group}, `) })
    .evaluateAll((links) => links.map((link) => link.getAttribute("aria-label") ?? ""));
  return names.map((name) => Number(/: (\d+) deliver/.exec(name)?.[1])).reduce((a, b) => a + b, 0);
}

test("the overview and the feed's facets count values named like JavaScript built-ins", async ({
  page,
  request,
  endpoint,
}) => {
  for (const [i, name] of NAMES.entries()) {
    for (let step = 0; step < times(i); step++) {
      await sendEvent(request, endpoint, {
        resource_type: name,
        action: name,
        result: name,
        resource_details: { id: name, name, status: name, [name]: step },
      });
    }
  }
  for (const id of ["vm-1", "vm-2"]) {
    await sendEvent(request, endpoint, {
      resource_type: "server",
      action: "create",
      resource_details: { id, name: id },
    });
  }

  await page.goto(`/?endpoint=${endpoint.id}&range=1h`);
  const split = page.getByRole("group", { name: "Split by" });
  for (const [button, param, plain] of [
    ["Action", "action", "create"],
    ["Resource type", "resource_type", "server"],
    ["Result", "result", "succeed"],
  ] as const) {
    if (param !== "action") {
      await split.getByRole("button", { name: button, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`group_by=${param}`));
    }
    const legend = page.getByRole("list", { name: /^Deliveries by / }).getByRole("link");
    await expect(legend, param).toHaveCount(NAMES.length + 1);
    for (const [i, name] of NAMES.entries()) {
      const value = name.toLowerCase();
      await expect(
        page.getByRole("link", { name: `${value}: ${deliveries(times(i))}`, exact: true }),
      ).toBeVisible();
      // The chart draws each value's own count, never a full bucket.
      await expect.poll(() => segmentTotal(page, value), `${param} ${value}`).toBe(times(i));
    }
    await expect(
      page.getByRole("link", { name: `${plain}: 2 deliveries`, exact: true }),
    ).toBeVisible();
    await expect.poll(() => segmentTotal(page, plain)).toBe(2);
  }
  await expect(page.getByTestId("failure-rate")).toContainText(`0 of ${TOTAL} deliveries`);
  const top = page.getByRole("list", { name: "Top resources by deliveries" }).getByRole("link");
  await expect(top.first()).toHaveAccessibleName("hasownproperty hasOwnProperty: 4 deliveries");
  await expect(
    page.getByRole("link", { name: "__proto__ __proto__: 3 deliveries", exact: true }),
  ).toBeVisible();

  await page.goto(`/events?endpoint=${endpoint.id}`);
  await expect(page.getByTestId("live-state")).toHaveText("Live");
  for (const facet of ["resource_type", "action", "result"]) {
    const picker = page.getByTestId(`facet-${facet}`);
    await picker.locator("summary").click();
    const group = picker.getByRole("group");
    for (const [i, name] of NAMES.entries())
      await expect(group, facet).toContainText(new RegExp(`${name.toLowerCase()}\\s*${times(i)}`));
    await picker.locator("summary").click();
  }
  const action = page.getByTestId("facet-action");
  await action.locator("summary").click();
  await action.getByRole("checkbox", { name: "__proto__", exact: true }).check();
  await expect(page).toHaveURL(/[?&]action=__proto__(&|$)/);
  await expect(page.getByTestId("feed-row")).toHaveCount(3);
});
