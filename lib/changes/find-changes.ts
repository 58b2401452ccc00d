import { getDatabase } from "../db/sqlite";
import { cursorPage, lookaheadLimit, type CursorPage } from "../http/cursor-page";
import { noiseMatcher } from "../diff/noise-fields";
import type { DiffPath } from "../diff/diff-resource-details";
import { getNoiseFields } from "../resources/get-noise-fields";
import type { ChangeListQuery, ResourceChangeItem } from "./change-types";
import { indexResourceChanges } from "./index-resource-changes";

type ChangeRow = Omit<ResourceChangeItem, "path" | "before" | "after" | "noise" | "changed_at"> & {
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

function whereClause(query: ChangeListQuery) {
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
  condition("rc.changed_at >= @since", "since", query.since);
  condition("rc.changed_at < @until", "until", query.until);
  if (query.cursor) {
    const [changedAt, id] = query.cursor.split(":").map(Number);
    clauses.push("(rc.changed_at, rc.id) < (@cursorAt, @cursorId)");
    Object.assign(params, { cursorAt: changedAt, cursorId: id });
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

function toItem(row: ChangeRow, isNoise: (path: DiffPath) => boolean): ResourceChangeItem {
  const { before, after, changed_at, ...rest } = row;
  const path = JSON.parse(row.path) as DiffPath;
  return {
    ...rest,
    path,
    ...(before !== null ? { before: JSON.parse(before) as unknown } : {}),
    ...(after !== null ? { after: JSON.parse(after) as unknown } : {}),
    noise: isNoise(path),
    changed_at: new Date(changed_at).toISOString(),
  };
}

/**
 * GET /api/changes: field changes of resources, newest first. Indexes what arrived since
 * the last call first, so a change is findable as soon as its delivery was answered.
 */
export async function findChanges(query: ChangeListQuery): Promise<CursorPage<ResourceChangeItem>> {
  await indexResourceChanges();
  const where = whereClause(query);
  const rows = getDatabase()
    .prepare(
      `SELECT rc.id, rc.delivery_id, rc.resource_type, rc.resource_id, d.resource_name,
         d.action, d.result, rc.path, rc.field, rc.op, rc.before, rc.after, rc.changed_at
       FROM resource_changes rc JOIN deliveries d ON d.id = rc.delivery_id
       ${where.sql}
       ORDER BY rc.changed_at DESC, rc.id DESC LIMIT @limit`,
    )
    .all({ ...where.params, limit: lookaheadLimit(query.limit) }) as ChangeRow[];
  const isNoise = noiseMatcher(await getNoiseFields());
  return cursorPage(rows, query.limit, {
    item: (row) => toItem(row, isNoise),
    cursor: (last) => `${last.changed_at}:${last.id}`,
  });
}
