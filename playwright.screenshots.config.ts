import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * `npm run screenshots`: every page at 1440 and 390 px wide, light and dark, against a
 * fresh server seeded with real webhooks, written to screenshots/ (gitignored) for a
 * person to look at. Not part of npm test: it asserts nothing a spec does not.
 */
export default defineConfig({
  ...base,
  timeout: 600_000,
  outputDir: "test-results/screenshots",
  projects: [
    { name: "setup", testDir: "e2e", testMatch: /auth\.setup\.ts$/ },
    {
      name: "screenshots",
      testDir: "scripts/screenshots",
      testMatch: /\.spec\.ts$/,
      dependencies: ["setup"],
      use: { ...base.projects?.[1]?.use },
    },
  ],
});
