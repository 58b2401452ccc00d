import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { E2E_ADMIN_TOKEN } from "./support/auth-state";
import { createEndpoint, expect, sendEvent, test } from "./support/fixtures";

const loggedOut = { cookies: [], origins: [] };
const bearer = { authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

test.describe("logged out", () => {
  // A browser with no session and no Bearer header: what an operator's browser is.
  test.use({ storageState: loggedOut, extraHTTPHeaders: {} });

  test("a page sends the browser to the login page, and the token brings it back", async ({
    page,
  }) => {
    await page.goto("/events?kind=event");
    await expect(page).toHaveURL(/\/login\?next=%2Fevents%3Fkind%3Devent$/);
    await page.getByLabel("Admin token").fill("not-the-admin-token");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "That is not the admin token." }),
    ).toBeVisible();
    expect(await page.context().cookies()).toEqual([]);

    await page.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/events\?kind=event$/);
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: "hooklens_session", httpOnly: true, sameSite: "Lax" });
    expect(cookie!.value).not.toContain(E2E_ADMIN_TOKEN);
    // The page cannot read it.
    expect(await page.evaluate(() => document.cookie)).toBe("");
  });

  test("the printed login link logs in and drops the token from the address bar", async ({
    page,
  }) => {
    await page.goto(`/login#token=${E2E_ADMIN_TOKEN}`);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    const history = await page.evaluate(() => window.location.href);
    expect(history).not.toContain(E2E_ADMIN_TOKEN);
  });

  test("the API answers 401 without credentials", async ({ page }) => {
    const response = await page.request.get("/api/events");
    expect(response.status()).toBe(401);
  });
});

test.describe("logged in with the session cookie only", () => {
  test.use({ extraHTTPHeaders: {} });

  test("log out ends the session", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/events");
    await expect(page).toHaveURL(/\/login\?next=%2Fevents$/);
  });

  test("the live feed streams over the cookie alone, and an ended session leads back to the login page", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: bearer });
    try {
      const endpoint = await createEndpoint(api);
      await page.goto(`/events?endpoint=${endpoint.id}`);
      // EventSource sends the cookie to its own origin: the stream opens.
      await expect(page.getByTestId("live-state")).toHaveText("Live");
      await sendEvent(api, endpoint, {
        resource_type: "server",
        action: "create",
        resource_details: { id: "vm-cookie", name: "live-over-cookie" },
      });
      await expect(
        page.getByTestId("feed-row").filter({ hasText: "live-over-cookie" }),
      ).toBeVisible();

      await page.context().clearCookies();
      await page.getByRole("link", { name: "Endpoints" }).click();
      await expect(page).toHaveURL(/\/login\?next=%2Fendpoints/);
    } finally {
      await api.dispose();
    }
  });

  test("a page on another origin cannot change anything with the operator's cookie", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: bearer });
    const name = `csrf-${Math.random().toString(36).slice(2, 8)}`;
    // Same site (127.0.0.1), other port: SameSite=Lax still sends the cookie, so only
    // the server's origin check stands between this form and a new endpoint.
    const attacker: Server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<form method="POST" action="${baseURL}/api/endpoints" enctype="text/plain">
        <input name='{"name":"${name}","pad":"' value='"}'></form>
        <script>document.forms[0].submit()</script>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = attacker.address() as AddressInfo;
      const answer = page.waitForResponse((response) => response.url().endsWith("/api/endpoints"));
      await page.goto(`http://127.0.0.1:${port}/`);
      expect((await answer).status()).toBe(403);
      const endpoints = (await (await api.get("/api/endpoints")).json()) as {
        data: Array<{ name: string }>;
      };
      expect(endpoints.data.map((endpoint) => endpoint.name)).not.toContain(name);

      // The same request from Hooklens's own page goes through: the cookie is good.
      await page.goto("/");
      const created = await page.evaluate(async (endpointName) => {
        const response = await fetch("/api/endpoints", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: endpointName }),
        });
        return response.status;
      }, name);
      expect(created).toBe(201);
    } finally {
      attacker.close();
      await api.dispose();
    }
  });
});
