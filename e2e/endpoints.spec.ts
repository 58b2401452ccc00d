import { renderDelivery } from "../lib/cloudpods/render-delivery";
import { VERIFICATION_TEXTS } from "../lib/cloudpods/vocabulary";
import { createEndpoint, expect, openTab, sendWebhook, test } from "./support/fixtures";

const event = {
  resource_type: "disk",
  action: "create",
  result: "succeed",
  resource_details: { id: "d-1", name: "disk-1" },
};

test("the endpoints page shows traffic and runs a test delivery, rotation, disable and delete", async ({
  page,
  request,
}) => {
  const robot = { secretKey: "page-secret", msgKey: "content", body: { env: "e2e" } };
  const endpoint = await createEndpoint(request, {
    secret_key: "page-secret",
    msg_key: "content",
    body: { env: "e2e" },
  });
  expect(
    (
      await sendWebhook(
        request,
        endpoint,
        renderDelivery({ kind: "text", text: VERIFICATION_TEXTS[0]! }, robot),
      )
    ).status,
  ).toBe(200);
  expect(
    (await sendWebhook(request, endpoint, renderDelivery({ kind: "event", event }, robot))).status,
  ).toBe(200);
  expect(
    (
      await sendWebhook(
        request,
        endpoint,
        renderDelivery({ kind: "event", event }, { ...robot, secretKey: "nope" }),
      )
    ).status,
  ).toBe(401);

  await page.goto("/endpoints");
  const row = page.locator(`[data-endpoint-id="${endpoint.id}"]`);
  await expect(row.getByTestId("receiver-url")).toHaveText(
    new RegExp(`/api/hooks/${endpoint.token}$`),
  );
  await expect(row.getByTestId("deliveries-24h")).toHaveText("3");
  await expect(row.getByTestId("signature-failures-24h")).toHaveText("1");
  await expect(row.getByTestId("last-validation")).not.toHaveText("never");
  await expect(row.getByTestId("last-event")).not.toHaveText("never");

  // The server sends a sample event with this endpoint's robot settings to its own receiver.
  await row.getByRole("button", { name: "Send test delivery" }).click();
  const result = row.getByTestId("test-delivery-result");
  await expect(result).toContainText("Answered 200");
  await expect(result).toContainText("SERVER/CREATE");
  await expect(result).toContainText("signed with the secret_key");
  await expect(row.getByTestId("deliveries-24h")).toHaveText("4");
  await result.getByRole("link").click();
  await openTab(page, "Headers");
  await expect(page.getByTestId("headers-table")).toContainText("X-Auth-Token");
  await expect(page.getByText("signature valid").first()).toBeVisible();
  await page.goBack();

  await row.getByRole("button", { name: "Rotate token" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Rotate token" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(row.getByTestId("receiver-url")).not.toHaveText(new RegExp(endpoint.token));
  expect(
    (await sendWebhook(request, endpoint, renderDelivery({ kind: "event", event }, robot))).status,
  ).toBe(404);

  // Disabling asks first, and says what the platform's deliveries will meet.
  await row.getByRole("button", { name: "Disable" }).click();
  const asked = page.getByRole("dialog");
  await expect(asked).toContainText("answers 404");
  await expect(asked).toContainText("drops it");
  await asked.getByRole("button", { name: "Cancel" }).click();
  await expect(row.getByText("enabled", { exact: true })).toBeVisible();
  await expect(row.getByTestId("receiver-disabled")).toHaveCount(0);
  await row.getByRole("button", { name: "Disable" }).click();
  await asked.getByRole("button", { name: "Disable endpoint" }).click();
  await expect(row.getByText("disabled", { exact: true })).toBeVisible();
  await expect(row.getByTestId("receiver-disabled")).toContainText("answers 404");
  // Everywhere else its URL appears, it says so as loudly.
  const url = (await row.getByTestId("receiver-url").textContent()) ?? "";
  await page.goto(`/setup?endpoint=${encodeURIComponent(endpoint.id)}`);
  await expect(page.getByTestId("receiver-url").first()).toHaveText(url);
  await expect(page.getByTestId("receiver-disabled").first()).toBeVisible();
  await page.goto("/");
  const onHome = page.locator("li").filter({ has: page.getByText(url, { exact: true }) });
  await expect(onHome.getByTestId("receiver-disabled")).toBeVisible();
  await page.goto("/endpoints");
  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row.getByText("enabled", { exact: true })).toBeVisible();

  await row.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("its 4 deliveries");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Delete" }).click();
  await dialog.getByRole("button", { name: "Delete endpoint and 4 deliveries" }).click();
  await expect(row).toHaveCount(0);
  const left = await request.get(`/api/events?endpoint=${endpoint.id}`);
  expect(((await left.json()) as { data: unknown[] }).data).toEqual([]);
});

test("edit opens the wizard on the endpoint's stored settings", async ({ page, request }) => {
  const endpoint = await createEndpoint(request, {
    msg_key: "content",
    header: { "X-Team": "ops" },
    body: { n: 3 },
  });
  await page.goto("/endpoints");
  await page
    .locator(`[data-endpoint-id="${endpoint.id}"]`)
    .getByRole("link", { name: "Edit" })
    .click();
  await expect(page).toHaveURL(new RegExp(`/setup\\?endpoint=${endpoint.id}`));
  await expect(page.getByLabel("Robot name")).toHaveValue(endpoint.name);
  await expect(page.getByLabel("msg_key")).toHaveValue("content");
  await expect(page.getByLabel("header 1 name")).toHaveValue("X-Team");
  await expect(page.getByLabel("body 1 value")).toHaveValue("3");
  await expect(page.getByTestId("receiver-url")).toHaveText(endpoint.receiver_url);

  await page.getByLabel("msg_key").fill("text");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Save and apply" }).click();
  await expect(page).toHaveURL(/step=apply/);
  await expect(page.getByTestId("expected-settings")).toContainText("text");
  await expect(page.getByTestId("climc-commands")).toContainText(
    `climc notify-robot-update ${endpoint.name}`,
  );
  await expect(page.getByTestId("climc-commands")).toContainText("--msg-key text");
});
