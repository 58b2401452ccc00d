import { RAW_SPAN, type Segment } from "./time-buckets";

export type SqlSource = { sql: string; params: Record<string, string | number> };

type Branch = (segment: Segment, range: string, onEndpoint: string) => string;

/**
 * One SELECT per segment, joined by UNION ALL, each bound to its own @fromN/@toN. `range`
 * names the segment's bounds; `onEndpoint` is the endpoint condition ("" without one),
 * whose column the branch prefixes with "+" on the deliveries table to keep the planner
 * on the received_at index (an edge is short; an endpoint's deliveries are not).
 */
function unionOfSegments(
  segments: Segment[],
  endpoint: string | undefined,
  branch: Branch,
  empty: string,
): SqlSource {
  const params: Record<string, string | number> = endpoint ? { endpoint } : {};
  const parts = segments.map((segment, i) => {
    params[`from${i}`] = segment.from;
    params[`to${i}`] = segment.to;
    const column = segment.span === RAW_SPAN ? "received_at" : "bucket_start";
    const onEndpoint = endpoint
      ? `AND ${segment.span === RAW_SPAN ? "+" : ""}endpoint_id = @endpoint`
      : "";
    return branch(segment, `${column} >= @from${i} AND ${column} < @to${i}`, onEndpoint);
  });
  return { sql: parts.length ? parts.join("\nUNION ALL\n") : empty, params };
}

/**
 * Rows (at, endpoint_id, kind, resource_type, action, result, signature, n) over a planned
 * range: rollup rows where a rollup serves, single deliveries (n = 1) at the edges. Absent
 * values are '' on both sides, so that callers group and filter them alike.
 */
export function deliveryCountSource(segments: Segment[], endpoint: string | undefined): SqlSource {
  return unionOfSegments(
    segments,
    endpoint,
    (segment, range, onEndpoint) =>
      segment.span === RAW_SPAN
        ? `SELECT received_at AS at, endpoint_id, kind, coalesce(resource_type, '') AS resource_type,
            coalesce(action, '') AS action, coalesce(result, '') AS result, signature, 1 AS n
            FROM deliveries WHERE ${range} ${onEndpoint}`
        : `SELECT bucket_start AS at, endpoint_id, kind, resource_type, action, result, signature,
            count AS n FROM delivery_counts WHERE span = ${segment.span} AND ${range} ${onEndpoint}`,
    `SELECT 0 AS at, '' AS endpoint_id, '' AS kind, '' AS resource_type, '' AS action,
      '' AS result, '' AS signature, 0 AS n WHERE 0`,
  );
}

/**
 * Rows (resource_type, resource_id, n, failures) over day and hour segments and raw
 * edges; `failedOnly` keeps the rows with a failed result, which is all a ranking by
 * failures needs, and far fewer rows to group.
 */
export function resourceCountSource(
  segments: Segment[],
  endpoint: string | undefined,
  failedOnly = false,
): SqlSource {
  return unionOfSegments(
    segments,
    endpoint,
    (segment, range, onEndpoint) =>
      segment.span === RAW_SPAN
        ? `SELECT resource_type, resource_id, 1 AS n, result IS 'failed' AS failures FROM deliveries
            WHERE ${range} AND resource_type IS NOT NULL AND resource_id IS NOT NULL ${onEndpoint}
            ${failedOnly ? "AND result = 'failed'" : ""}`
        : `SELECT resource_type, resource_id, count AS n, failures FROM resource_counts
            WHERE span = ${segment.span} AND ${range} ${onEndpoint} ${failedOnly ? "AND failures > 0" : ""}`,
    "SELECT '' AS resource_type, '' AS resource_id, 0 AS n, 0 AS failures WHERE 0",
  );
}
