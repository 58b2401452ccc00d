import type { Page } from "@playwright/test";
import { appRoutes } from "../tests/support/app-routes";
import { expect, sendEvent, test } from "./support/fixtures";

/**
 * Every page runs under its Content-Security-Policy (issue 13, item 9): the policy names
 * a fresh nonce, every script in the document carries it, React hydrates, and Chromium
 * reports no violation, on every page in app/ (with real objects behind its ids).
 */
const violationsOf = async (page: Page) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/content.security.policy|CSP violation/i.test(message.text()))
      violations.push(message.text());
  });
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
    ),
  );
  return violations;
};

/** The nonce of the page's policy, after checking the directives the issue names. */
function policyNonce(policy: string | undefined): string {
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("connect-src 'self'");
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  const nonce = /script-src[^;]*'nonce-([^']+)'/.exec(policy ?? "")?.[1];
  expect(nonce, policy).toBeTruthy();
  return nonce!;
}

async function checkPage(page: Page, path: string, seen: Set<string>) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(500);
  const nonce = policyNonce(response?.headers()["content-security-policy"]);
  expect(seen.has(nonce), "a nonce is never reused").toBe(false);
  seen.add(nonce);
  const scripts = await page
    .locator("script")
    .evaluateAll((elements) => elements.map((element) => (element as HTMLScriptElement).nonce));
  expect(scripts.length, path).toBeGreaterThan(0);
  expect(
    scripts.filter((value) => value !== nonce),
    path,
  ).toEqual([]);
  // React attaches its fiber to the nodes it hydrated: the scripts ran.
  await expect
    .poll(() =>
      page.evaluate(() => Object.keys(document.body).some((key) => key.startsWith("__react"))),
    )
    .toBe(true);
}

test("every page runs its scripts under a nonce policy, and Chromium refuses nothing", async ({
  page,
  request,
  endpoint,
  sink,
}) => {
  const event = (step: number) => ({
    resource_type: "server",
    action: step === 0 ? "create" : "update",
    resource_details: { id: "vm-csp", name: "vm-csp", status: step === 0 ? "ready" : "running" },
  });
  const deliveryId = await sendEvent(request, endpoint, event(0));
  await sendEvent(request, endpoint, event(1));
  const post = async (url: string, data: Record<string, unknown>) => {
    const answer = await request.post(url, { data });
    expect([201, 202], url).toContain(answer.status());
    return String(((await answer.json()) as { id: number }).id);
  };
  const target = { url: sink.url("/ok"), mode: "exact" };
  const real: Record<string, string> = {
    "events/[id]": String(deliveryId),
    "replays/[id]": await post(`/api/events/${deliveryId}/replay`, target),
    "replays/bulk/[id]": await post("/api/replays/bulk", {
      ...target,
      filter: { endpoint: endpoint.id },
    }),
    "forwards/[id]": await post("/api/forwards", {
      ...target,
      name: "csp",
      filter: { endpoint: endpoint.id },
    }),
    "resources/[type]": "server",
    "resources/[type]/[id]": "vm-csp",
  };
  const fill = (template: string) => {
    const segments = template.split("/");
    return segments
      .map((segment, i) =>
        segment.startsWith("[") ? (real[segments.slice(1, i + 1).join("/")] ?? "1") : segment,
      )
      .join("/");
  };

  const violations = await violationsOf(page);
  const seen = new Set<string>();
  const paths = appRoutes()
    .pages.map((route) => fill(route.template))
    .filter((path) => path !== "/login");
  expect(paths).toContain("/resources/server/vm-csp");
  for (const path of [...paths, "/no-such-page"]) await checkPage(page, path, seen);
  // The overview's data arrived (connect-src) and its chart drew (Recharts, inline styles).
  await page.goto(`/?endpoint=${endpoint.id}&range=1h`);
  await expect(page.getByRole("link", { name: "update: 1 delivery" })).toBeVisible();
  await expect(page.getByTestId("volume-chart").getByRole("link").first()).toBeVisible();
  expect(violations).toEqual([]);
});

test("the login page works under its policy", async ({ browser }) => {
  const context = await browser.newContext({ storageState: undefined, extraHTTPHeaders: {} });
  const page = await context.newPage();
  const violations = await violationsOf(page);
  await checkPage(page, "/login", new Set());
  await page.getByLabel("Admin token").fill("not-the-token-0123456789");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("That is not the admin token.")).toBeVisible();
  expect(violations).toEqual([]);
  await context.close();
});
