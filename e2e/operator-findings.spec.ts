import { renderDelivery } from "../lib/cloudpods/render-delivery";
import { createEndpoint, expect, sendEvent, sendWebhook, test } from "./support/fixtures";

const server = (id: string, fields: Record<string, unknown> = {}) => ({
  resource_type: "server",
  action: "update",
  resource_details: { id, name: `cmp-${id}`, status: "ready", vcpu_count: 2, ...fields },
});

test("comparing two full states marks what differs and can hide what is equal", async ({
  page,
  request,
  endpoint,
}) => {
  await sendEvent(request, endpoint, server("cmp-1", { zone: "z1" }));
  await sendEvent(request, endpoint, server("cmp-1", { zone: "z1", status: "running", disk: 1 }));
  await page.goto("/resources/server/cmp-1");
  await page.getByLabel("Compare step 1").check();
  await page.getByLabel("Compare step 2").check();
  const panel = page.getByTestId("compare-panel");
  await panel.getByRole("button", { name: "Show full states side by side" }).click();
  await expect(panel.locator('[data-diff="changed"]')).toHaveCount(2);
  await expect(panel.locator('[data-diff="changed"]').first()).toContainText("status");
  await expect(panel.locator('[data-diff="added"]')).toHaveCount(1);
  await expect(panel.locator('[data-diff="added"]')).toContainText("disk");
  await expect(panel.getByText('"z1"')).toHaveCount(2);

  await panel.getByLabel("Hide what is equal").check();
  await expect(panel.getByText('"z1"')).toHaveCount(0);
  await expect(panel.locator('[data-diff="changed"]')).toHaveCount(2);
  await expect(panel.locator('[data-diff="added"]')).toHaveCount(1);
});

test("a resource seen only in forged deliveries says what is known and why it is empty", async ({
  page,
  request,
}) => {
  const signed = await createEndpoint(request, { secret_key: "the-real-secret" });
  const forged = renderDelivery(
    {
      kind: "event",
      event: {
        resource_type: "server",
        action: "create",
        resource_details: { id: "forged-1", name: "totally-legit" },
      },
    },
    { secretKey: "a-guess" },
  );
  expect((await sendWebhook(request, signed, forged)).status).toBe(401);
  await page.goto("/resources/server/forged-1");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("forged-1");
  const note = page.getByTestId("unverified-resource");
  await expect(note).toContainText("Only unverified deliveries name this server");
  await expect(note).toContainText("“totally-legit”");
  await expect(page.getByText("Tick two steps")).toHaveCount(0);
  await note.getByRole("link").click();
  await expect(page).toHaveURL(/signature=invalid/);
  await expect(page.getByTestId("feed-row")).toHaveCount(1);
});

test("a loopback public URL is called out where receiver URLs are handed out", async ({
  page,
  endpoint,
}) => {
  // The e2e server is reached at 127.0.0.1 with no HOOKLENS_PUBLIC_URL.
  await page.goto("/endpoints");
  await expect(page.getByTestId("loopback-warning")).toContainText("HOOKLENS_PUBLIC_URL");
  await page.goto(`/setup?endpoint=${endpoint.id}&step=apply`);
  await expect(page.getByTestId("loopback-warning")).toContainText(
    "The platform cannot reach this address",
  );
});

test("latest failures name an unparsed body once", async ({ page, request, endpoint }) => {
  const sent = await sendWebhook(request, endpoint, {
    // Not JSON: Playwright would JSON-encode a string sent as application/json.
    headers: { "content-type": "text/plain" },
    body: "{not json",
  });
  expect(sent.status).toBe(400);
  await page.goto(`/?endpoint=${endpoint.id}`);
  const row = page.getByTestId("failure-row").first();
  await expect(row).toContainText("unparsed");
  expect((await row.innerText()).match(/unparsed/g)).toHaveLength(1);
});
