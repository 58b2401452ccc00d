import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { applyPostgresMigrations } from "../../lib/db/apply-postgres-migrations";
import { freshDatabase } from "../support/start-postgres";

/**
 * The baseline's hand-ported triggers do what the SQLite ones do (prisma/migrations'
 * stats_rollups and search_index): a counted delivery that goes is taken out of the rollups,
 * rows reaching zero go, an indexed delivery's terms go; deliveries past the watermarks are
 * left alone.
 */
let client: pg.Client;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
// 2026-12-01 10:17:42.123 UTC
const RECEIVED = Date.UTC(2026, 11, 1, 10, 17, 42, 123);

beforeAll(async () => {
  const url = await freshDatabase(inject("postgresUrl"), "triggers");
  await applyPostgresMigrations({ databaseUrl: url });
  client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    `INSERT INTO endpoints (id, name, token, updated_at) VALUES ('e1', 'one', 't1', now())`,
  );
});

afterAll(() => client.end());

async function delivery(id: number, result: string | null) {
  await client.query(
    `INSERT INTO deliveries (id, endpoint_id, received_at, kind, resource_type, action, result,
                             resource_id, signature, size, body_hash)
     VALUES ($1, 'e1', to_timestamp($2 / 1000.0), 'event', 'server', 'create', $3, 'srv-1', 'valid', 10, 'h')`,
    [id, RECEIVED, result],
  );
}

const bucket = (span: number) => new Date(RECEIVED - (RECEIVED % span));

/** The rollup rows as the refresher writes them for `counted` deliveries (`failed` of them failed). */
async function rollups(counted: number, failed: number) {
  for (const span of [MINUTE, HOUR]) {
    await client.query(
      `INSERT INTO delivery_counts VALUES ($1, $2, 'e1', 'event', 'server', 'create', $3, 'valid', $4)`,
      [span, bucket(span), "failed", failed],
    );
    await client.query(
      `INSERT INTO delivery_counts VALUES ($1, $2, 'e1', 'event', 'server', 'create', $3, 'valid', $4)`,
      [span, bucket(span), "ok", counted - failed],
    );
  }
  for (const span of [HOUR, DAY]) {
    await client.query(
      `INSERT INTO resource_counts VALUES ($1, $2, 'server', 'srv-1', 'e1', $3, $4)`,
      [span, bucket(span), counted, failed],
    );
  }
}

const counts = async () =>
  (
    await client.query<{
      table: string;
      span: number;
      result: string;
      count: number;
      failures: number;
    }>(
      `SELECT 'delivery' AS table, span, result, count, NULL AS failures FROM delivery_counts
       UNION ALL SELECT 'resource', span, NULL, count, failures FROM resource_counts ORDER BY 1, 2, 3`,
    )
  ).rows;

describe("the PostgreSQL baseline's triggers", () => {
  it("takes a counted delivery out of every rollup, in its UTC minute, hour and day", async () => {
    await delivery(1, "failed");
    await delivery(2, "failed");
    await delivery(3, "ok");
    await rollups(3, 2);
    await client.query("UPDATE stats_rollup_state SET last_delivery_id = 3 WHERE id = 1");

    await client.query("DELETE FROM deliveries WHERE id = 1");
    expect(await counts()).toEqual([
      { table: "delivery", span: MINUTE, result: "failed", count: 1, failures: null },
      { table: "delivery", span: MINUTE, result: "ok", count: 1, failures: null },
      { table: "delivery", span: HOUR, result: "failed", count: 1, failures: null },
      { table: "delivery", span: HOUR, result: "ok", count: 1, failures: null },
      { table: "resource", span: HOUR, result: null, count: 2, failures: 1 },
      { table: "resource", span: DAY, result: null, count: 2, failures: 1 },
    ]);

    await client.query("DELETE FROM deliveries WHERE id = 2");
    expect((await counts()).filter((row) => row.result === "failed")).toEqual([]);
    expect(
      (await counts()).filter((row) => row.table === "resource").map((row) => row.failures),
    ).toEqual([0, 0]);
  });

  it("leaves the rollups alone for a delivery they have not counted yet", async () => {
    await delivery(4, "ok");
    const before = await counts();
    await client.query("DELETE FROM deliveries WHERE id = 4");
    expect(await counts()).toEqual(before);
  });

  it("takes an indexed delivery's terms with it, and no other delivery's", async () => {
    await delivery(5, "ok");
    await delivery(6, "ok");
    await client.query("INSERT INTO search_index_state VALUES (1, 5, 1)");
    await client.query(
      `INSERT INTO search_index VALUES (5, array_to_tsvector('{abc,def}')), (6, array_to_tsvector('{abc}'))`,
    );
    await client.query("DELETE FROM deliveries WHERE id = 5");
    const { rows } = await client.query<{ delivery_id: number }>(
      // delivery_id is bigint (text through a bare pg client): read as an int here.
      "SELECT delivery_id::int AS delivery_id FROM search_index WHERE terms @@ 'abc'::tsquery",
    );
    expect(rows).toEqual([{ delivery_id: 6 }]);
    // Past indexed_through: the trigger does not look (the indexer has not reached it).
    await client.query("DELETE FROM deliveries WHERE id = 6");
    expect(
      (await client.query("SELECT delivery_id::int AS delivery_id FROM search_index")).rows,
    ).toEqual([{ delivery_id: 6 }]);
  });
});
