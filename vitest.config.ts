import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // The integration tests of what serves on PostgreSQL so far (issue 14): each
          // file here runs in the integration project (SQLite) too.
          name: "integration-postgres",
          include: [
            "tests/integration/endpoints-api.test.ts",
            "tests/integration/replay-destinations.test.ts",
            "tests/integration/receiver.test.ts",
            "tests/integration/receiver-answers.test.ts",
            "tests/integration/stream.test.ts",
            "tests/integration/feed-stream.test.ts",
            "tests/integration/resources-list.test.ts",
            "tests/integration/feed-facets.test.ts",
            "tests/integration/feed-export.test.ts",
            "tests/integration/read-api.test.ts",
            "tests/integration/replay.test.ts",
            "tests/integration/replay-edited.test.ts",
            "tests/integration/replay-bulk.test.ts",
            "tests/integration/stats.test.ts",
            "tests/integration/stats-overview.test.ts",
            "tests/integration/endpoint-stats.test.ts",
            "tests/integration/security-retention.test.ts",
            "tests/integration/search.test.ts",
            "tests/integration/builtin-names.test.ts",
            "tests/integration/crash-restart.test.ts",
            "tests/integration/endpoints-setup.test.ts",
            "tests/integration/fuzz-receiver.test.ts",
            "tests/integration/fuzz-routes.test.ts",
            "tests/integration/listen.test.ts",
            "tests/integration/release-rendering.test.ts",
            "tests/integration/release-shapes.test.ts",
            "tests/integration/replay-guard.test.ts",
            "tests/integration/search-catch-up.test.ts",
            "tests/integration/security-access.test.ts",
            "tests/integration/security-admin-token.test.ts",
            "tests/integration/security-body-caps.test.ts",
            "tests/integration/security-file-modes.test.ts",
            "tests/integration/security-headers.test.ts",
            "tests/integration/security-host.test.ts",
            "tests/integration/security-limits.test.ts",
            "tests/integration/security-proxy.test.ts",
            "tests/integration/security-secrets.test.ts",
            "tests/integration/storage-dictionary.test.ts",
            "tests/integration/resources.test.ts",
            "tests/integration/resources-timeline.test.ts",
            "tests/integration/resources-timeline-window.test.ts",
            "tests/integration/resources-timeline-kept.test.ts",
            "tests/integration-postgres/**/*.test.ts",
          ],
          environment: "node",
          globalSetup: ["tests/integration-postgres/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: ["tests/postgres/**/*.test.ts"],
          // The data layer's tests load lib/db/prisma.ts, a server-only module as Next
          // builds it; outside Next that marker package throws unless resolved as here.
          alias: {
            "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
          },
          environment: "node",
          globalSetup: ["tests/postgres/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
