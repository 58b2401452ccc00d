import { RAW_SPAN, type Segment } from "../../stats/time-buckets";
import type { Engine } from "../engine";
import { FROM_MS, MS } from "./dialect";

/**
 * The rows a stats read sums, per segment of its range (lib/stats/time-buckets.ts), in both
 * dialects: a rollup's rows where one serves, the deliveries themselves at the edges, and
 * on PostgreSQL the deliveries above the rollups' watermark too (lib/db/queries/stats.ts).
 */
export type Source = { sql: string; params: Record<string, string | number> };

/** How a source reads each kind of segment: `where` is the whole condition (range,
 *  endpoint, and above the watermark for a rollup segment's deliveries on PostgreSQL). */
type Reads = {
  deliveries: (where: string) => string;
  rollup: (span: number, where: string) => string;
  /** The same columns and no row, for an empty range. */
  empty: string;
};

/**
 * One SELECT per segment, joined by UNION ALL, each bound to its own @fromN/@toN. On
 * SQLite the endpoint's column gets a "+" on the deliveries table, to keep the planner on
 * the received_at index (an edge is short; an endpoint's deliveries are not). On
 * PostgreSQL each rollup segment gets a second branch: its deliveries above @watermark.
 */
function unionOfSegments(
  engine: Engine,
  segments: Segment[],
  endpoint: string | undefined,
  reads: Reads,
): Source {
  const pg = engine === "postgresql";
  const params: Record<string, string | number> = endpoint ? { endpoint } : {};
  const bound = (name: string) => (pg ? FROM_MS(`@${name}`) : `@${name}`);
  const parts = segments.flatMap((segment, i) => {
    params[`from${i}`] = segment.from;
    params[`to${i}`] = segment.to;
    const range = (column: string) =>
      `${column} >= ${bound(`from${i}`)} AND ${column} < ${bound(`to${i}`)}`;
    const onDeliveries = endpoint ? ` AND ${pg ? "" : "+"}endpoint_id = @endpoint` : "";
    const onRollup = endpoint ? " AND endpoint_id = @endpoint" : "";
    if (segment.span === RAW_SPAN) return [reads.deliveries(range("received_at") + onDeliveries)];
    const counted = reads.rollup(segment.span, range("bucket_start") + onRollup);
    if (!pg) return [counted];
    return [
      counted,
      reads.deliveries(`id > @watermark AND ${range("received_at")}${onDeliveries}`),
    ];
  });
  return { sql: parts.length ? parts.join("\nUNION ALL\n") : reads.empty, params };
}

/**
 * Rows (at, endpoint_id, kind, resource_type, action, result, signature, n) over a planned
 * range: rollup rows where a rollup serves, single deliveries (n = 1) at the edges (and,
 * on PostgreSQL, above the watermark). Absent values are '' on both sides, so that
 * callers group and filter them alike.
 */
export function deliveryCountSource(
  engine: Engine,
  segments: Segment[],
  endpoint: string | undefined,
) {
  const pg = engine === "postgresql";
  const at = (column: string) => (pg ? `${MS(column)} AS at` : `${column} AS at`);
  return unionOfSegments(engine, segments, endpoint, {
    deliveries: (where) =>
      `SELECT ${at("received_at")}, endpoint_id, kind, coalesce(resource_type, '') AS resource_type,
        coalesce(action, '') AS action, coalesce(result, '') AS result, signature, 1 AS n
        FROM deliveries WHERE ${where}`,
    rollup: (span, where) =>
      `SELECT ${at("bucket_start")}, endpoint_id, kind, resource_type, action, result, signature,
        count AS n FROM delivery_counts WHERE span = ${span} AND ${where}`,
    empty: `SELECT 0 AS at, '' AS endpoint_id, '' AS kind, '' AS resource_type, '' AS action,
      '' AS result, '' AS signature, 0 AS n WHERE ${pg ? "false" : "0"}`,
  });
}

/**
 * Rows (resource_type, resource_id, n, failures) over day and hour segments and raw
 * edges; `failedOnly` keeps the rows with a failed result, which is all a ranking by
 * failures needs, and far fewer rows to group.
 */
export function resourceCountSource(
  engine: Engine,
  segments: Segment[],
  endpoint: string | undefined,
  failedOnly: boolean,
) {
  const pg = engine === "postgresql";
  const failed = pg ? "(result IS NOT DISTINCT FROM 'failed')::int" : "result IS 'failed'";
  return unionOfSegments(engine, segments, endpoint, {
    deliveries: (where) =>
      `SELECT resource_type, resource_id, 1 AS n, ${failed} AS failures FROM deliveries
        WHERE ${where} AND resource_type IS NOT NULL AND resource_id IS NOT NULL
        ${failedOnly ? "AND result = 'failed'" : ""}`,
    rollup: (span, where) =>
      `SELECT resource_type, resource_id, count AS n, failures FROM resource_counts
        WHERE span = ${span} AND ${where} ${failedOnly ? "AND failures > 0" : ""}`,
    empty: `SELECT '' AS resource_type, '' AS resource_id, 0 AS n, 0 AS failures WHERE ${pg ? "false" : "0"}`,
  });
}
