import { renderDelivery, renderValidation } from "../lib/cloudpods/render-delivery";
import { createEndpoint, expect, sendWebhook, test } from "./support/fixtures";

const event = {
  resource_type: "server",
  action: "update",
  result: "succeed",
  resource_details: { id: "srv-rel", name: "vm-rel", note: "tab\u0001raw" },
};

test("a delivery and its endpoint show the platform release and the problems in words", async ({
  page,
  request,
  endpoint,
}) => {
  // A 3.10.3 platform: bare message, raw control characters inside strings, never signs.
  const old = renderDelivery({ kind: "event", event }, {}, [], { release: "3.10.3" });
  const sent = await sendWebhook(request, endpoint, old);
  expect(sent.status).toBe(200);
  // The platform followed a 302 and came back as a GET without the body.
  const redirected = await request.get(`/api/hooks/${endpoint.token}`);
  expect(redirected.status()).toBe(200);

  await page.goto(`/events/${sent.body.id}`);
  await expect(page.getByTestId("release-badge")).toHaveText("release 3.10.0-3.10.3");
  await expect(page.getByTestId("release-notes")).toContainText("This release never signs");
  await expect(page.getByTestId("warning-details")).toContainText("not strict JSON");
  await expect(page.getByTestId("receiver-answer")).toContainText("200");

  await page.goto("/endpoints");
  const row = page.locator(`[data-endpoint-id="${endpoint.id}"]`);
  await expect(row.getByTestId("endpoint-release-badge")).toHaveText("release 3.10.0-3.10.3");
  await expect(row.getByTestId("endpoint-release-notes")).toContainText("never signs");
  const problems = row.getByTestId("endpoint-problems");
  await expect(problems.locator('[data-code="redirected_request"]')).toContainText(
    "Give the robot the final URL",
  );
  const control = problems.locator('[data-code="raw_control_characters"]');
  await expect(control).toContainText("not strict JSON");
  await control.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/events/${sent.body.id}$`));
});

test("the wizard's verify step names the release and the problems its deliveries show", async ({
  page,
  request,
}) => {
  const secretKey = "rel-secret";
  const robotBody = { action: "notify" };
  const endpoint = await createEndpoint(request, { secret_key: secretKey, body: robotBody });
  // The robot's address was changed: the platform validates unsigned (it never has the secret).
  const validation = await sendWebhook(request, endpoint, renderValidation({}));
  expect(validation.status).toBe(200);
  // A signing release, with a robot body key named like an event field.
  const signed = renderDelivery({ kind: "event", event }, { secretKey, body: robotBody });
  expect((await sendWebhook(request, endpoint, signed)).status).toBe(200);

  await page.goto(`/setup?endpoint=${endpoint.id}&step=apply`);
  await expect(page.getByTestId("tick-validation")).toHaveAttribute("data-state", "ok");
  const verify = page.getByTestId("endpoint-release");
  await expect(verify.getByTestId("endpoint-release-badge")).toHaveText("release 3.11.13+ or 4.0+");
  await expect(verify.locator('[data-code="unsigned_validation"]')).toContainText(
    "address is changed",
  );
  await expect(verify.locator('[data-code="event_fields_overridden"]')).toContainText("(action)");

  // The delivery behind the problem says what was answered and why it was not signed.
  await verify.locator('[data-code="unsigned_validation"]').getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/events/${validation.body.id}$`));
  await expect(page.getByTestId("receiver-answer")).toContainText("200");
  await expect(page.getByTestId("signature-detail")).toContainText("address is changed");
  await expect(page.getByTestId("warning-details")).toContainText("unsigned validation");
});
