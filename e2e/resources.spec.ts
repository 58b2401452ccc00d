import type { Locator } from "@playwright/test";
import type { EventMessage } from "../lib/cloudpods/render-delivery";
import type { ResourceTimelineBody } from "../lib/resources/resource-types";
import { formatPath } from "../components/diff/format-path";
import { expect, sendEvent, test } from "./support/fixtures";

const at = (minute: number) => `2024-05-01T10:0${minute}:00.000000Z`;
const systemDisk = { id: "disk-sys", disk_size: 30720, disk_type: "sys" };
const dataDisk = { id: "disk-data", disk_size: 102400, disk_type: "data" };

/** The story: create, double vmem_size, attach a disk, a status change, delete. */
function serverLife(id: string, name: string): EventMessage[] {
  const server = (fields: Record<string, unknown>) => ({
    id,
    name,
    status: "ready",
    vcpu_count: 2,
    vmem_size: 1024,
    disks_info: [systemDisk],
    updated_at: at(0),
    ...fields,
  });
  const grown = { vmem_size: 2048, disks_info: [systemDisk, dataDisk] };
  return [
    { action: "create", resource_type: "server", resource_details: server({}) },
    {
      action: "update",
      resource_type: "server",
      resource_details: server({ vmem_size: 2048, updated_at: at(1) }),
    },
    {
      action: "update",
      resource_type: "server",
      resource_details: server({ ...grown, updated_at: at(2) }),
    },
    {
      action: "status_changed",
      resource_type: "server",
      resource_details: server({
        ...grown,
        status: "running",
        old_status: "ready",
        new_status: "running",
        updated_at: at(3),
      }),
    },
    {
      action: "delete",
      resource_type: "server",
      // A delete carries the bare database row: no disks_info, no joined fields.
      resource_details: {
        id,
        name,
        status: "deleted",
        vcpu_count: 2,
        vmem_size: 2048,
        deleted: true,
        updated_at: at(4),
      },
    },
  ];
}

/** The changes a person sees in a diff (noise folded), as `op path` lines. */
async function visibleChanges(scope: Locator): Promise<string[]> {
  const entries = scope.locator('[data-testid="diff-entry"][data-noise="false"]');
  const ops = await entries.evaluateAll((nodes) =>
    nodes.map((node) => `${node.getAttribute("data-op")} ${node.getAttribute("data-path")}`),
  );
  return ops;
}

test("a server's life shows as five steps with exactly their changes, comparable, as the API says", async ({
  page,
  request,
  endpoint,
}) => {
  const id = `srv-${Math.random().toString(36).slice(2, 10)}`;
  for (const event of serverLife(id, "web-1")) await sendEvent(request, endpoint, event);

  await page.goto(`/resources/server/${id}`);
  await expect(page.getByRole("heading", { name: "web-1" })).toBeVisible();
  const steps = page.getByTestId("timeline-step");
  await expect(steps).toHaveCount(5);
  for (const [i, action] of ["create", "update", "update", "status_changed", "delete"].entries()) {
    await expect(steps.nth(i)).toContainText(action);
  }

  await expect(steps.nth(0)).toContainText("first snapshot");
  expect(await visibleChanges(steps.nth(0))).toEqual([]);
  expect(await visibleChanges(steps.nth(1))).toEqual(["changed vmem_size"]);
  await expect(steps.nth(1).getByTestId("diff-entry").first()).toContainText("1024");
  await expect(steps.nth(1).getByTestId("diff-entry").first()).toContainText("2048");
  await expect(steps.nth(1)).toContainText("1 noise change folded: updated_at");
  expect(await visibleChanges(steps.nth(2))).toEqual(["added disks_info[1]"]);
  await expect(steps.nth(2)).toContainText('"disk-data"');
  expect(await visibleChanges(steps.nth(3))).toEqual(["changed status"]);
  await expect(steps.nth(3).getByTestId("diff-entry").first()).toContainText('"ready"');
  await expect(steps.nth(3).getByTestId("diff-entry").first()).toContainText('"running"');
  await expect(steps.nth(4)).toContainText("deletion");
  await expect(steps.nth(4)).toContainText("Deleted.");
  expect(await visibleChanges(steps.nth(4))).toEqual(["added deleted", "changed status"]);

  // The API returns the same diffs the page shows.
  const response = await request.get(`/api/resources/server/${id}`);
  expect(response.status()).toBe(200);
  const timeline = (await response.json()) as ResourceTimelineBody;
  expect(timeline.events).toHaveLength(5);
  for (const [i, event] of timeline.events.entries()) {
    const fromApi = (event.diff ?? [])
      .filter((e) => !e.noise)
      .map((e) => `${e.op} ${formatPath(e.path)}`);
    expect(await visibleChanges(steps.nth(i))).toEqual(fromApi);
  }
  expect(timeline.events[0]!.diff).toBeNull();

  // Comparing the first and the fourth shows all three changes at once.
  await steps.nth(0).getByLabel("Compare step 1").check();
  await steps.nth(3).getByLabel("Compare step 4").check();
  const compare = page.getByTestId("compare-panel");
  await expect(compare).toContainText("Comparing step #1");
  await expect(compare.locator('[data-testid="diff-entry"][data-noise="false"]')).toHaveCount(3);
  expect(await visibleChanges(compare)).toEqual([
    "added disks_info[1]",
    "changed status",
    "changed vmem_size",
  ]);
  await expect(page).toHaveURL(/compare=/);

  // The full state at a step is the resource as it was then.
  await steps.nth(1).getByRole("button", { name: "Full state" }).click();
  const state = page.getByTestId("state-panel");
  await expect(state).toContainText("Full state at step #2");
  await expect(state).toContainText("vmem_size");
  await expect(state).toContainText("2048");
  await expect(state).not.toContainText("disk-data");
});

test("the resource list finds a resource and opens its timeline", async ({
  page,
  request,
  endpoint,
}) => {
  const tag = Math.random().toString(36).slice(2, 10);
  // An id that needs escaping in a URL: the platform falls back to the name when a
  // resource has no id, and names are often Chinese.
  const id = `云主机 ${tag} 50%`;
  const [create, resize] = serverLife(id, `list-${tag}`);
  await sendEvent(request, endpoint, create!);
  await sendEvent(request, endpoint, resize!);

  await page.goto("/resources");
  await page.getByLabel("Search resources by name or id").fill(tag);
  await page.getByLabel("Search resources by name or id").press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  const rows = page.getByTestId("resource-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("server");
  await expect(rows.first()).toContainText("ready");
  await expect(rows.first()).toContainText("2");
  await rows
    .first()
    .getByRole("link", { name: `list-${tag}` })
    .click();
  await expect(page).toHaveURL(`/resources/server/${encodeURIComponent(id)}`);
  await expect(page.getByTestId("timeline-step")).toHaveCount(2);
  await expect(page.getByText(id, { exact: true })).toBeVisible();
});

test("the changes view finds where a field became a value", async ({ page, request, endpoint }) => {
  const tag = Math.random().toString(36).slice(2, 10);
  for (const event of serverLife(`srv-${tag}`, `changes-${tag}`))
    await sendEvent(request, endpoint, event);

  await page.goto("/resources");
  await page.getByRole("link", { name: "Where did a field change?" }).click();
  await expect(page.getByRole("heading", { name: "Where did a field change?" })).toBeVisible();
  await page.getByLabel("Resource type").selectOption("server");
  await page.getByLabel("Field").fill("status");
  await page.getByLabel("Became").fill("running");
  await page.getByRole("button", { name: "Find changes" }).click();
  await expect(page).toHaveURL(/field=status&to=running/);
  const row = page.getByTestId("change-row").filter({ hasText: `changes-${tag}` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('"ready"');
  await expect(row).toContainText("status_changed");
  await row.getByRole("link", { name: `changes-${tag}` }).click();
  await expect(page.getByTestId("timeline-step")).toHaveCount(5);
});
