import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { applyPostgresMigrations } from "../../lib/db/apply-postgres-migrations";
import { freshDatabase } from "../support/start-postgres";

/**
 * The PostgreSQL port of timeline_steps_compact's counting triggers does what SQLite's does:
 * a head's steps / invalid_steps follow its kept rows, however they go (a step deleted, or
 * its delivery, through the cascade).
 */
let client: pg.Client;

beforeAll(async () => {
  const url = await freshDatabase(inject("postgresUrl"), "timeline_triggers");
  await applyPostgresMigrations({ databaseUrl: url });
  client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    `INSERT INTO endpoints (id, name, token, updated_at) VALUES ('e1', 'one', 't1', now())`,
  );
  for (const id of [1, 2, 3, 4]) {
    await client.query(
      `INSERT INTO deliveries (id, endpoint_id, received_at, kind, signature, size, body_hash)
       VALUES ($1, 'e1', now(), 'event', 'valid', 1, 'h')`,
      [id],
    );
  }
  await client.query(
    `INSERT INTO timeline_heads (key, resource_type, resource_id, through_id, endpoint_id)
     VALUES (1, 'server', 'a', 0, 'e1'), (2, 'server', 'b', 0, 'e1')`,
  );
});

afterAll(() => client.end());

const counts = async () =>
  (
    await client.query<{ key: number; steps: number; invalid_steps: number }>(
      "SELECT key, steps, invalid_steps FROM timeline_heads ORDER BY key",
    )
  ).rows;

describe("timeline_heads' step counts on PostgreSQL", () => {
  it("count each kept step on its own head, valid and invalid apart", async () => {
    await client.query(
      `INSERT INTO timeline_steps (delivery_id, head, invalid)
       VALUES (1, 1, false), (2, 1, true), (3, 1, false), (4, 2, false)`,
    );
    expect(await counts()).toEqual([
      { key: 1, steps: 2, invalid_steps: 1 },
      { key: 2, steps: 1, invalid_steps: 0 },
    ]);
  });

  it("take a step back out when it goes, or when its delivery goes", async () => {
    await client.query("DELETE FROM timeline_steps WHERE delivery_id = 2");
    await client.query("DELETE FROM deliveries WHERE id = 3");
    expect(await counts()).toEqual([
      { key: 1, steps: 1, invalid_steps: 0 },
      { key: 2, steps: 1, invalid_steps: 0 },
    ]);
  });
});
