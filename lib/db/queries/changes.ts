import type pg from "pg";
import { CHANGES_WATERMARK } from "../../changes/changes-watermark";
import { changeRow } from "../../changes/change-row";
import type { ChangeListQuery, ResourceChangeItem } from "../../changes/change-types";
import { indexResourceChanges as indexResourceChangesSqlite } from "../../changes/index-resource-changes";
import type { Engine } from "../engine";
import { connection } from "../connection";
import { builtRows, clientRows } from "../sql-query";
import { FROM_MS, MS } from "./dialect";
import {
  decodeDiff,
  inTransaction,
  keepAllTimelineSteps,
  KEPT_THROUGH,
  lockWatermark,
  readWatermark,
  writeWatermark,
} from "./timelines-postgres";

/**
 * resource_changes, the field-change index (lib/changes), in both dialects: its page for
 * GET /api/changes, and its upkeep from the kept timeline steps (SQLite's is
 * lib/changes/index-resource-changes.ts; PostgreSQL's below, the same rows).
 */
export type ChangeRow = Omit<
  ResourceChangeItem,
  "path" | "before" | "after" | "noise" | "changed_at"
> & {
  path: string;
  before: string | null;
  after: string | null;
  changed_at: number;
};

/** `to` as the JSON texts it may be stored as: "2048" matches the number and the string. */
function storedForms(to: string): string[] {
  const forms = [JSON.stringify(to)];
  try {
    const literal: unknown = JSON.parse(to);
    if (literal === null || typeof literal !== "object") forms.push(JSON.stringify(literal));
  } catch {
    // Not a JSON literal: only the string form applies.
  }
  return forms;
}

function whereClause(query: ChangeListQuery, engine: Engine) {
  const time = (param: string) => (engine === "postgresql" ? FROM_MS(param) : param);
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  const inList = (column: string, values: string[] | undefined) => {
    if (!values?.length) return;
    values.forEach((value, i) => (params[`${column}${i}`] = value));
    clauses.push(`rc.${column} IN (${values.map((_, i) => `@${column}${i}`).join(", ")})`);
  };
  const condition = (sql: string, name: string, value: string | number | undefined) => {
    if (value === undefined) return;
    clauses.push(sql);
    params[name] = value;
  };
  inList("resource_type", query.resource_type);
  inList("op", query.op);
  if (query.to !== undefined) inList("after", storedForms(query.to));
  condition("rc.resource_id = @resource_id", "resource_id", query.resource_id);
  condition("rc.field = @field", "field", query.field);
  condition(`rc.changed_at >= ${time("@since")}`, "since", query.since);
  condition(`rc.changed_at < ${time("@until")}`, "until", query.until);
  if (query.cursor) {
    const [changedAt, id] = query.cursor.split(":").map(Number);
    clauses.push(`(rc.changed_at, rc.id) < (${time("@cursorAt")}, @cursorId)`);
    Object.assign(params, { cursorAt: changedAt, cursorId: id });
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

/** Field changes newest first, past the query's cursor, at most `limit` rows. */
export function changePage(query: ChangeListQuery, limit: number): Promise<ChangeRow[]> {
  return builtRows<ChangeRow>((engine) => {
    const where = whereClause(query, engine);
    const changedAt =
      engine === "postgresql" ? `${MS("rc.changed_at")} AS changed_at` : "rc.changed_at";
    return {
      sql: `SELECT rc.id, rc.delivery_id, rc.resource_type, rc.resource_id, d.resource_name,
              d.action, d.result, rc.path, rc.field, rc.op, rc.before, rc.after, ${changedAt}
            FROM resource_changes rc JOIN deliveries d ON d.id = rc.delivery_id
            ${where.sql}
            ORDER BY rc.changed_at DESC, rc.id DESC LIMIT @limit`,
      params: { ...where.params, limit },
    };
  });
}

const STEPS_PER_TRANSACTION = 2000;

type KeptDiff = {
  delivery_id: number;
  resource_type: string;
  resource_id: string;
  diff: Buffer | null;
  received_at: number;
};

/** index-resource-changes.ts indexChunk on PostgreSQL: under the watermark row's lock. */
async function indexChunkPostgres(client: pg.PoolClient, through: number): Promise<boolean> {
  const from = await lockWatermark(client, CHANGES_WATERMARK);
  if (from >= through) return false;
  const steps = await clientRows<KeptDiff>(
    client,
    `SELECT ts.delivery_id, h.resource_type, h.resource_id, ts.diff,
       ${MS("d.received_at")} AS received_at
     FROM timeline_steps ts JOIN deliveries d ON d.id = ts.delivery_id
       JOIN timeline_heads h ON h.key = ts.head
     WHERE ts.delivery_id > $1 AND ts.delivery_id <= $2 AND ts.diff IS NOT NULL
     ORDER BY ts.delivery_id LIMIT $3`,
    [from, through, STEPS_PER_TRANSACTION],
  );
  // A run from before this one may have left rows past the watermark: replace them.
  await client.query("DELETE FROM resource_changes WHERE delivery_id > $1", [from]);
  const rows = steps.flatMap((step) =>
    (decodeDiff(step) ?? []).map((entry) => changeRow(step, entry)),
  );
  if (rows.length) {
    const column = (i: number) => rows.map((row) => row[i]);
    await client.query(
      `INSERT INTO resource_changes (delivery_id, resource_type, resource_id, path, field, op,
         before, after, changed_at)
       SELECT d, t, r, p, f, o, b, a, to_timestamp(c / 1000.0)
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
         $7::text[], $8::text[], $9::bigint[]) AS x(d, t, r, p, f, o, b, a, c)`,
      [0, 1, 2, 3, 4, 5, 6, 7, 8].map(column),
    );
  }
  const reached = steps.length < STEPS_PER_TRANSACTION ? through : steps.at(-1)!.delivery_id;
  await writeWatermark(client, CHANGES_WATERMARK, reached);
  return reached < through;
}

/** Brings resource_changes up to the last delivery stored when called, on either engine. */
export async function indexResourceChanges(): Promise<void> {
  const db = connection();
  if (db.engine === "sqlite") return indexResourceChangesSqlite();
  await keepAllTimelineSteps(db.pool);
  const through = await readWatermark(db.pool, KEPT_THROUGH);
  while (await inTransaction(db.pool, (client) => indexChunkPostgres(client, through))) {
    // Each chunk its own transaction, as on SQLite.
  }
}
