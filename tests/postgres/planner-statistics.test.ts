import pg from "pg";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { applyPostgresMigrations } from "../../lib/db/apply-postgres-migrations";
import { postgresStatisticsWarning } from "../../lib/db/keep-statistics";
import { freshDatabase } from "../support/start-postgres";

/**
 * The planner's statistics on PostgreSQL are autovacuum's (lib/db/keep-statistics.ts):
 * Hooklens checks at start that it can keep them, and says so in its log when not.
 */
describe("the planner statistics on PostgreSQL", () => {
  let client: pg.Client;
  beforeEach(async () => {
    const url = await freshDatabase(inject("postgresUrl"), "statistics");
    await applyPostgresMigrations({ databaseUrl: url });
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });
  afterEach(() => client.end());

  it("are left to autovacuum, which no migration turns off for any table", async () => {
    expect(await postgresStatisticsWarning(client)).toBeNull();
  });

  it("are said to be kept by nobody when a table has autovacuum off, naming it", async () => {
    await client.query("ALTER TABLE deliveries SET (autovacuum_enabled = off)");
    await client.query("ALTER TABLE resources SET (autovacuum_enabled = false)");
    expect(await postgresStatisticsWarning(client)).toMatch(
      /autovacuum is off on deliveries, resources, so nothing keeps the planner's statistics current: run ANALYZE/,
    );
  });

  it("are said to be kept by nobody without track_counts, which autovacuum needs", async () => {
    await client.query("SET track_counts = off");
    expect(await postgresStatisticsWarning(client)).toMatch(/track_counts is off/);
  });
});
