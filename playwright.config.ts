import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E_ADMIN_TOKEN, storageStatePath } from "./e2e/support/auth-state";
import { serverBundlePath } from "./lib/build/server-bundle";

// One real server (the production build) on a fresh SQLite file for the whole run;
// each spec sends its own webhooks to its own endpoint.
const port = Number(process.env.E2E_PORT ?? 3217);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "hooklens-e2e-"));
process.env.E2E_DATA_DIR = dataDir;
export { E2E_ADMIN_TOKEN };

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    extraHTTPHeaders: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // `setup` logs in through the login page once; every spec starts with its session cookie.
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "chromium", dependencies: ["setup"], use: { storageState: storageStatePath(dataDir) } },
  ],
  webServer: {
    // The production server as `npm start` runs it (compiled by `npm run build`).
    command: `node ${JSON.stringify(serverBundlePath(process.cwd()))}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${path.join(dataDir, "hooklens.db")}`,
      HOOKLENS_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
    },
  },
});
