import { expect, sendEvent, test } from "./support/fixtures";

/** A minute-by-minute resize history: one more step than the timeline's first window. */
const STEPS = 205;
const at = (step: number) =>
  new Date(Date.UTC(2024, 4, 1, 10, step)).toISOString().replace("Z", "000Z");

test("a long history opens on its newest steps and scrolls back to the first", async ({
  page,
  request,
  endpoint,
}) => {
  const id = `srv-${Math.random().toString(36).slice(2, 10)}`;
  for (let step = 0; step < STEPS; step++) {
    await sendEvent(request, endpoint, {
      action: step === 0 ? "create" : "update",
      resource_type: "server",
      resource_details: { id, name: "web-long", vmem_size: 1000 + step, updated_at: at(step) },
    });
  }

  await page.goto(`/resources/server/${id}`);
  const steps = page.getByTestId("timeline-step");
  await expect(steps).toHaveCount(200);
  await expect(page.getByText(`Showing the latest 200 of ${STEPS} steps.`)).toBeVisible();
  await expect(steps.first()).toContainText("#6");
  await expect(steps.last()).toContainText(`#${STEPS}`);
  await expect(page.getByText("first snapshot")).toHaveCount(0);

  await page.getByRole("button", { name: "Load older steps" }).click();
  await expect(steps).toHaveCount(STEPS);
  await expect(steps.first()).toContainText("#1");
  await expect(steps.first()).toContainText("create");
  await expect(steps.first()).toContainText("first snapshot");
  await expect(steps.nth(1)).toContainText("1000");
  await expect(steps.nth(1)).toContainText("1001");
  await expect(page.getByRole("button", { name: "Load older steps" })).toHaveCount(0);
});
