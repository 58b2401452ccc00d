import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { applyPostgresMigrations } from "../../lib/db/apply-postgres-migrations";
import { renderPostgresSchema } from "../../lib/db/render-postgres-schema";
import {
  describePostgresSchema,
  runSql,
  scriptFromEmpty,
  type SchemaLine,
} from "../support/describe-postgres-schema";
import { ROOT } from "../support/start-server";
import { freshDatabase } from "../support/start-postgres";

/**
 * The drift check: the PostgreSQL migrations, applied to an empty database, give exactly
 * the schema rendered from prisma/schema.prisma, plus the hand-written objects below (the
 * ports of what the SQLite migrations write by hand; docs/cluster.md). Change
 * prisma/schema.prisma without a PostgreSQL migration (`npm run db:new-migration` writes
 * both) and this fails with the missing lines. A new hand-written object goes in the list.
 */
const HAND_WRITTEN = {
  owners: [
    "search_index",
    "search_index_state",
    "search_fields",
    "deliveries_stats_uncount",
    "deliveries_search_unindex",
    "timeline_steps_count",
    "timeline_steps_uncount",
    "timeline_endpoint_steps_count",
    "timeline_endpoint_steps_uncount",
  ],
  indexes: ["deliveries_failures_idx", "deliveries_resend_idx"],
  /** Delivery ids are bigint on PostgreSQL, `Int` in the schema (docs/cluster.md). */
  bigint: [
    "deliveries.id",
    "deliveries.duplicate_of",
    "delivery_contents.delivery_id",
    "resources.last_event_id",
    "resource_changes.delivery_id",
    "timeline_steps.delivery_id",
    "timeline_heads.through_id",
    "timeline_endpoint_heads.through_id",
    "timeline_endpoint_steps.delivery_id",
    "replays.event_id",
    "stats_rollup_state.last_delivery_id",
    "forward_jobs.delivery_id",
    "forward_attempts.delivery_id",
    "search_index.delivery_id",
    "search_index_state.indexed_through",
    "bulk_replays.max_id",
  ],
};

/** A rendered line as the bigint migration leaves it. */
const widened = (text: string) =>
  text === "sequence deliveries_id_seq: integer"
    ? "sequence deliveries_id_seq: bigint"
    : HAND_WRITTEN.bigint.some((name) => {
          const [table, column] = name.split(".");
          return text.startsWith(`column ${table}: ${column} integer`);
        })
      ? text.replace(" integer", " bigint")
      : text;

const isHandWritten = (line: SchemaLine) =>
  HAND_WRITTEN.owners.includes(line.owner) ||
  HAND_WRITTEN.indexes.some((name) => line.text.includes(` INDEX ${name} ON `));

const texts = (lines: SchemaLine[]) => lines.map((line) => line.text);

/** The schema a database gets from Prisma's from-empty script for this SQLite schema text. */
async function renderedDatabase(label: string, sqliteSchema: string) {
  const folder = mkdtempSync(path.join(tmpdir(), "hooklens-drift-"));
  try {
    const schemaFile = path.join(folder, "schema.prisma");
    writeFileSync(schemaFile, renderPostgresSchema(sqliteSchema));
    const url = await freshDatabase(inject("postgresUrl"), label);
    await runSql(url, scriptFromEmpty(schemaFile));
    return describePostgresSchema(url);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const sqliteSchema = readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8");
let migrated: SchemaLine[];

beforeAll(async () => {
  const url = await freshDatabase(inject("postgresUrl"), "drift_migrated");
  await applyPostgresMigrations({ databaseUrl: url });
  migrated = await describePostgresSchema(url);
});

describe("the PostgreSQL migrations", () => {
  it("give the schema rendered from prisma/schema.prisma, beside the hand-written objects", async () => {
    const expected = await renderedDatabase("drift_rendered", sqliteSchema);
    expect(texts(migrated.filter((line) => !isHandWritten(line)))).toEqual(
      texts(expected).map(widened).sort(),
    );
  });

  it("create every hand-written object the SQLite migrations have", () => {
    const present = migrated.filter(isHandWritten);
    for (const owner of HAND_WRITTEN.owners) {
      expect(
        present.some((line) => line.owner === owner),
        owner,
      ).toBe(true);
    }
    for (const index of HAND_WRITTEN.indexes) {
      expect(
        present.some((line) => line.text.includes(` INDEX ${index} ON `)),
        index,
      ).toBe(true);
    }
  });

  it("are caught lagging behind a schema change that has no PostgreSQL migration", async () => {
    // What someone editing schema.prisma without db:new-migration leaves: a new column and
    // index in the schema, none in the migrations.
    // Found by pattern, not by text: `prisma format` realigns a model's columns.
    const withColumn = sqliteSchema.replace(
      /^(\s*signatureReason\s+String\?\s+@map\("signature_reason"\).*)$/m,
      '$1\n  seenAt DateTime? @map("seen_at")\n\n  @@index([seenAt])',
    );
    const changed = withColumn.replace(
      /@@index\(\[\s*receivedAt\s*\]\)/,
      "@@index([receivedAt, kind])",
    );
    expect(withColumn).not.toBe(sqliteSchema);
    expect(changed).not.toBe(withColumn);
    const expected = texts(await renderedDatabase("drift_changed", changed))
      .map(widened)
      .sort();
    const actual = texts(migrated.filter((line) => !isHandWritten(line)));
    expect(expected.filter((line) => !actual.includes(line))).toEqual([
      "column deliveries: seen_at timestamp with time zone(3)",
      "index deliveries: CREATE INDEX deliveries_received_at_kind_idx ON public.deliveries USING btree (received_at, kind)",
      "index deliveries: CREATE INDEX deliveries_seen_at_idx ON public.deliveries USING btree (seen_at)",
    ]);
    expect(actual.filter((line) => !expected.includes(line))).toEqual([
      "index deliveries: CREATE INDEX deliveries_received_at_idx ON public.deliveries USING btree (received_at)",
    ]);
  });
});
