import type { Page } from "@playwright/test";
import { renderDelivery, type RobotSettings } from "../lib/cloudpods/render-delivery";
import { VERIFICATION_TEXTS } from "../lib/cloudpods/vocabulary";
import { shellSplit } from "../lib/shell/shell-quote";
import { createEndpoint, expect, sendWebhook, test, type TestEndpoint } from "./support/fixtures";

async function copied(page: Page, button: string): Promise<string> {
  await page.getByRole("button", { name: button, exact: true }).click();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Reads the robot settings back out of the copied `climc notify-robot-create` line, as an operator's shell would. */
function robotFromScript(script: string): {
  address: string;
  robot: RobotSettings;
  useTemplate: boolean;
} {
  const line = script.split("\n").find((text) => text.startsWith("climc notify-robot-create "));
  if (!line) throw new Error(`no notify-robot-create in:\n${script}`);
  const argv = shellSplit(line);
  const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  expect(flag("--type")).toBe("webhook");
  return {
    address: flag("--address") ?? "",
    robot: {
      header: JSON.parse(flag("--header") ?? "null") as Record<string, unknown>,
      body: JSON.parse(flag("--body") ?? "null") as Record<string, unknown>,
      msgKey: flag("--msg-key") ?? "",
      secretKey: flag("--secret-key") ?? null,
    },
    useTemplate: argv.includes("--use-template"),
  };
}

/** The endpoint a copied receiver URL names, for the fixtures' sendWebhook. */
function endpointAt(url: string, baseURL: string | undefined): TestEndpoint {
  const parsed = new URL(url);
  expect(parsed.origin).toBe(new URL(baseURL ?? "").origin);
  const token = parsed.pathname.split("/").pop() ?? "";
  return { id: "", name: "", token, receiver_url: url };
}

test("the wizard's settings, played back by the platform, tick off validation and first event", async ({
  page,
  context,
  request,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const name = `wizard-${Date.now().toString(36)}`;
  await page.goto("/setup");

  await page.getByLabel("Robot name").fill(name);
  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("header 1 name").fill("X-Team");
  await page.getByLabel("header 1 value").fill("ops it's $HOME");
  await page.getByRole("button", { name: "Add body key" }).click();
  await page.getByLabel("body 1 name").fill("env");
  await page.getByLabel("body 1 value").fill("prod");
  await page.getByLabel("msg_key").fill("content");
  await page.getByRole("button", { name: "Generate" }).click();
  await expect(page.getByLabel("secret_key")).toHaveValue(/^[0-9a-f]{64}$/);
  const secret = await page.getByLabel("secret_key").inputValue();
  await page.getByRole("button", { name: "Next" }).click();

  await expect(page).toHaveURL(/step=preview/);
  const preview = page.getByTestId("preview-event");
  await expect(preview).toContainText("X-Yunion-Event");
  await expect(preview).toContainText("ops it's $HOME");
  await expect(preview).toContainText("X-Auth-Token");
  await expect(page.getByTestId("preview-event-body")).toContainText('"content":"{');
  await expect(page.getByTestId("preview-validation-body")).toHaveText(
    '{"content":"This is a verification message, please ignore.","env":"prod"}',
  );
  await page.getByRole("button", { name: "Next" }).click();

  await expect(page).toHaveURL(/step=subscription/);
  await expect(page.getByRole("checkbox", { name: /^resource create or delete/ })).toBeChecked();
  await page.getByRole("checkbox", { name: /^password expire/ }).uncheck();
  await page.getByRole("button", { name: "Create endpoint and apply" }).click();

  await expect(page).toHaveURL(/step=apply/);
  const receiverUrl = await copied(page, "Copy URL");
  const script = await copied(page, "Copy commands");
  expect(script).toContain(
    `climc notify-subscriber-create 'resource create or delete' system robot system --robot ${name}`,
  );
  expect(script).not.toContain("'password expire'");
  expect(script).toContain(`climc notify-robot-enable ${name}`);
  const { address, robot, useTemplate } = robotFromScript(script);
  expect(address).toBe(receiverUrl);
  expect(robot).toEqual({
    header: { "X-Team": "ops it's $HOME" },
    body: { env: "prod" },
    msgKey: "content",
    secretKey: secret,
  });
  expect(useTemplate).toBe(false);

  await expect(page.getByTestId("stream-state")).toHaveAttribute("data-state", "open");
  await expect(page.getByTestId("tick-validation")).toHaveAttribute("data-state", "waiting");
  await expect(page.getByTestId("tick-event")).toHaveAttribute("data-state", "waiting");

  // Play the platform: robot creation sends the validation message, then an event follows.
  const endpoint = endpointAt(receiverUrl, baseURL);
  const validation = await sendWebhook(
    request,
    endpoint,
    renderDelivery({ kind: "text", text: VERIFICATION_TEXTS[0]! }, robot),
  );
  expect(validation.status).toBe(200);
  await expect(page.getByTestId("tick-validation")).toHaveAttribute("data-state", "ok");
  await expect(page.getByTestId("tick-validation")).toContainText("signature valid");
  await expect(page.getByTestId("tick-event")).toHaveAttribute("data-state", "waiting");

  const event = {
    resource_type: "server",
    action: "create",
    result: "succeed",
    resource_details: { id: "s-wiz", name: "web-wizard" },
  };
  const sent = await sendWebhook(
    request,
    endpoint,
    renderDelivery({ kind: "event", event }, robot),
  );
  expect(sent.status).toBe(200);
  const tick = page.getByTestId("tick-event");
  await expect(tick).toHaveAttribute("data-state", "ok");
  await expect(tick).toContainText("SERVER/CREATE");
  await expect(tick).toContainText("signature valid");
  await expect(tick).toContainText(`Delivery #${sent.body.id}`);
  await expect(page.getByTestId("stream-state")).toHaveText(
    "The platform reaches this endpoint with the expected settings.",
  );

  // Reopened later, the step still shows what arrived, not an empty wait.
  await page.reload();
  await expect(page.getByTestId("tick-validation")).toHaveAttribute("data-state", "ok");
  await expect(page.getByTestId("tick-event")).toHaveAttribute("data-state", "ok");
  await expect(page.getByTestId("tick-event")).toContainText(`Delivery #${sent.body.id}`);
  await expect(page.getByTestId("stream-state")).toHaveText(
    "The platform reaches this endpoint with the expected settings.",
  );
});

test("the wizard refuses what the platform would reject or mishandle, field by field", async ({
  page,
}) => {
  await page.goto("/setup");
  await page.getByLabel("Robot name").fill("errors");
  await page.getByLabel("msg_key").fill("m".repeat(17));
  await expect(page.getByText("msg_key is at most 16 characters on the platform")).toBeVisible();
  await page.getByLabel("secret_key").fill("s".repeat(129));
  await expect(
    page.getByText("secret_key is at most 128 characters on the platform"),
  ).toBeVisible();

  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("header 1 name").fill("Bad Header");
  await page.getByLabel("header 1 value").fill("v");
  await expect(page.getByText('"Bad Header" is not a valid HTTP header name')).toBeVisible();
  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("header 2 name").fill("X-Count");
  await page.getByLabel("header 2 value").fill("3");
  await page.getByTestId("header-rows").getByLabel("JSON").nth(1).check();
  await expect(
    page.getByText("header values must be strings: the platform skips any other value"),
  ).toBeVisible();

  await page.getByRole("button", { name: "Add body key" }).click();
  await page.getByLabel("body 1 name").fill("Msg");
  await page.getByLabel("body 1 value").fill("hello");
  await page.getByLabel("msg_key").fill("");
  await expect(page.getByText('body key "Msg" equals the message key')).toBeVisible();
  await page.getByLabel("msg_key").fill("content");
  await expect(page.getByText('body key "Msg" equals the message key')).toBeHidden();
  await page.getByLabel("body 1 name").fill("content");
  await expect(page.getByText('body key "content" equals the message key')).toBeVisible();

  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).not.toHaveURL(/step=/);
  await expect(page.locator("form").getByRole("alert")).toHaveCount(4);

  await page.getByLabel("msg_key").fill("content1");
  await page.getByLabel("secret_key").fill("");
  await page.getByRole("button", { name: "Remove header 1" }).click();
  await page.getByTestId("header-rows").getByLabel("JSON").first().uncheck();
  await expect(page.locator("form").getByRole("alert")).toHaveCount(0);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/step=preview/);
});

test("a delivery the endpoint refuses shows as rejected, with the reason, while verifying", async ({
  page,
  request,
}) => {
  const endpoint = await createEndpoint(request, {
    secret_key: "right-secret",
    msg_key: "content",
  });
  await page.goto(`/setup?endpoint=${endpoint.id}&step=apply`);
  await expect(page.getByTestId("climc-commands")).toContainText(
    '--secret-key "$HOOKLENS_SECRET_KEY"',
  );
  await expect(page.getByTestId("stream-state")).toHaveAttribute("data-state", "open");

  const event = {
    resource_type: "host",
    action: "update",
    resource_details: { id: "h-1", name: "host-1" },
  };
  const wrong = await sendWebhook(
    request,
    endpoint,
    renderDelivery({ kind: "event", event }, { msgKey: "content", secretKey: "wrong-secret" }),
  );
  expect(wrong.status).toBe(401);
  await expect(page.getByTestId("tick-event")).toHaveAttribute("data-state", "rejected");
  await expect(page.getByTestId("tick-event")).toContainText("answered 401");
  const panel = page.getByTestId("troubleshooting");
  await expect(panel).toHaveAttribute("open", "");
  await expect(panel.getByTestId("rejected-deliveries")).toContainText(`#${wrong.body.id}`);
  await expect(panel.getByTestId("rejected-deliveries")).toContainText(
    "X-Auth-Token does not match the body",
  );
  await expect(panel).toContainText("climc action-show --type notification --fail");

  const right = await sendWebhook(
    request,
    endpoint,
    renderDelivery({ kind: "event", event }, { msgKey: "content", secretKey: "right-secret" }),
  );
  expect(right.status).toBe(200);
  await expect(page.getByTestId("tick-event")).toHaveAttribute("data-state", "ok");
});
