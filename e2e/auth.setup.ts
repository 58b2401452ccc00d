import { expect, test as setup } from "@playwright/test";
import { E2E_ADMIN_TOKEN, storageStatePath } from "./support/auth-state";

// Logs in once through the real login page, as an operator would, and saves the session
// cookie for every spec. No Bearer header here: this is the cookie path.
setup.use({ extraHTTPHeaders: {} });

setup("log in with the admin token", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
  await page.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/$/);
  const cookies = await page.context().cookies();
  expect(cookies.find((cookie) => cookie.name === "hooklens_session")?.httpOnly).toBe(true);
  await page.context().storageState({ path: storageStatePath() });
});
