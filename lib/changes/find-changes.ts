import { getDatabase } from "../db/sqlite";
import { noiseMatcher } from "../diff/noise-fields";
import type { DiffOp, DiffPath } from "../diff/diff-resource-details";
import { getNoiseFields } from "../resources/get-noise-fields";
import type { ChangeListQuery } from "./change-filter";
import { indexResourceChanges } from "./index-resource-changes";

export type ResourceChangeItem = {
  id: number;
  delivery_id: number;
  resource_type: string;
  resource_id: string;
  resource_name: string | null;
  action: string | null;
  result: string | null;
  path: DiffPath;
  field: string;
  op: DiffOp;
  before?: unknown;
  after?: unknown;
  noise: boolean;
  changed_at: string;
};

export type ChangePage = { data: ResourceChangeItem[]; next_cursor: string | null };

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
export async function findChanges(query: ChangeListQuery): Promise<ChangePage> {
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
    .all({ ...where.params, limit: query.limit + 1 }) as ChangeRow[];
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const isNoise = noiseMatcher(getNoiseFields());
  return {
    data: page.map((row) => toItem(row, isNoise)),
    next_cursor: rows.length > query.limit && last ? `${last.changed_at}:${last.id}` : null,
  };
}
