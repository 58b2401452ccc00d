import type pg from "pg";
import { SUMMARY_COLUMNS, type SummaryRow } from "../../events/delivery-summary";
import type { GroupBy } from "../../stats/stats-query";
import type { Segment } from "../../stats/time-buckets";
import { cachedStatement } from "../cached-statement";
import type { Engine } from "../engine";
import { builtRows, clientRows, numberedParameters, perEngine } from "../sql-query";
import { SUMMARY_SELECT } from "./deliveries";
import { FROM_MS } from "./dialect";
import { refreshRollupsSqlite } from "./stats-rollups";
import { deliveryCountSource, resourceCountSource, type Source } from "./stats-sources";

/**
 * The stats the overview reads (lib/stats), in both dialects (STYLE.md): counts over a
 * range planned into segments (lib/stats/time-buckets.ts), each served by a rollup
 * (delivery_counts, resource_counts: lib/db/queries/stats-rollups.ts) or, at the edges,
 * by the deliveries themselves. Rows are the same on both engines: times in Unix ms.
 *
 * SQLite counts what is new into the rollups first, synchronously, as it always did.
 * PostgreSQL's reads never write: in one snapshot they read the watermark, the rollups
 * (every id at or below it) and the deliveries above it, which the background refresh
 * has not counted yet (it waits for ids to settle: stats-rollups.ts). So an answer holds
 * every stored delivery exactly once, whichever instance asks and whatever the job did.
 */

const WATERMARK = `SELECT coalesce((SELECT last_delivery_id FROM stats_rollup_state WHERE id = 1), 0)
  AS watermark`;

/** PostgreSQL: the watermark and the statement in one snapshot, nothing written. */
async function inOneSnapshot<Row>(client: pg.PoolClient, sql: string, params: Source["params"]) {
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    const [state] = await clientRows<{ watermark: number }>(client, WATERMARK);
    const numbered = numberedParameters(sql, { ...params, watermark: state?.watermark ?? 0 });
    const rows = await clientRows<Row>(client, numbered.text, numbered.values);
    await client.query("COMMIT");
    return rows;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** A stats statement over the rollups: SQLite refreshes them first (synchronously). */
function rollupRows<Row>(build: (engine: Engine) => Source): Promise<Row[]> {
  return perEngine({
    sqlite: (db) => {
      refreshRollupsSqlite(db);
      const { sql, params } = build("sqlite");
      return cachedStatement(db, sql).all(params) as Row[];
    },
    postgresql: (client) => {
      const { sql, params } = build("postgresql");
      return inOneSnapshot<Row>(client, sql, params);
    },
  });
}

const GROUP_COLUMN: Record<GroupBy, string> = {
  action: "action",
  resource_type: "resource_type",
  result: "result",
  kind: "kind",
  signature: "signature",
  endpoint: "endpoint_id",
};

export type CountRow = { t: number; k: string; n: number };

/** Deliveries per bucket start (`t`, Unix ms) and value of one dimension (`k`, '' for none). */
export function deliveryCounts(query: {
  segments: Segment[];
  endpoint?: string;
  bucketMs: number;
  groupBy: GroupBy;
}): Promise<CountRow[]> {
  return rollupRows<CountRow>((engine) => {
    const source = deliveryCountSource(engine, query.segments, query.endpoint);
    return {
      sql: `SELECT at - at % @bucket AS t, ${GROUP_COLUMN[query.groupBy]} AS k, sum(n) AS n
            FROM (${source.sql}) AS s GROUP BY t, k HAVING sum(n) > 0`,
      params: { ...source.params, bucket: query.bucketMs },
    };
  });
}

export type FailureCountRow = {
  t: number;
  total: number;
  failed: number;
  invalid_signature: number;
  unparsed: number;
  failures: number;
};

const FAILED = "result = 'failed'";
const INVALID = "signature = 'invalid'";
const UNPARSED = "kind = 'unparsed'";
const when = (condition: string) => `sum(CASE WHEN ${condition} THEN n ELSE 0 END)`;

/** Deliveries and each kind of failure per bucket start. */
export function failureCounts(query: {
  segments: Segment[];
  endpoint?: string;
  bucketMs: number;
}): Promise<FailureCountRow[]> {
  return rollupRows<FailureCountRow>((engine) => {
    const source = deliveryCountSource(engine, query.segments, query.endpoint);
    return {
      sql: `SELECT at - at % @bucket AS t, sum(n) AS total, ${when(FAILED)} AS failed,
              ${when(INVALID)} AS invalid_signature, ${when(UNPARSED)} AS unparsed,
              ${when(`${FAILED} OR ${INVALID} OR ${UNPARSED}`)} AS failures
            FROM (${source.sql}) AS s GROUP BY t`,
      params: { ...source.params, bucket: query.bucketMs },
    };
  });
}

export type RankedResource = {
  resource_type: string;
  resource_id: string;
  resource_name: string | null;
  deliveries: number;
  failures: number;
};

/**
 * The resources with the most deliveries (or failed results) over day and hour segments
 * and raw edges, summed in SQL; the current name from the resources table. Ties go by
 * type and id, byte-wise on both engines.
 */
export function rankedResources(query: {
  segments: Segment[];
  endpoint?: string;
  by: "deliveries" | "failures";
  limit: number;
}): Promise<RankedResource[]> {
  const order = query.by === "failures" ? "failures" : "deliveries";
  return rollupRows<RankedResource>((engine) => {
    const pg = engine === "postgresql";
    const source = resourceCountSource(
      engine,
      query.segments,
      query.endpoint,
      order === "failures",
    );
    const text = (column: string) => (pg ? `${column} COLLATE "C"` : column);
    // PostgreSQL's HAVING takes no output names.
    const having = pg ? `sum(${order === "failures" ? "failures" : "n"})` : order;
    return {
      sql: `SELECT top.resource_type, top.resource_id, r.resource_name, top.deliveries, top.failures
            FROM (SELECT resource_type, resource_id, sum(n) AS deliveries, sum(failures) AS failures
                  FROM (${source.sql}) AS s GROUP BY resource_type, resource_id
                  HAVING ${having} > 0
                  ORDER BY ${order} DESC, deliveries DESC, ${text("resource_type")}, ${text("resource_id")}
                  LIMIT @limit) AS top
            LEFT JOIN resources r ON r.resource_type = top.resource_type AND r.resource_id = top.resource_id
            ORDER BY top.${order} DESC, top.deliveries DESC, ${text("top.resource_type")}, ${text("top.resource_id")}`,
      params: { ...source.params, limit: query.limit },
    };
  });
}

/**
 * The newest failing deliveries in a range: failed result, invalid signature or unparsed
 * body. The condition is word for word the one of the partial index
 * deliveries_failures_idx, which is what lets SQLite (and PostgreSQL) use it.
 */
export function latestFailureRows(query: {
  since: number;
  until: number;
  endpoint?: string;
  limit: number;
}): Promise<SummaryRow[]> {
  return builtRows<SummaryRow>((engine) => {
    const pg = engine === "postgresql";
    const at = (name: string) => (pg ? FROM_MS(`@${name}`) : `@${name}`);
    const columns = pg ? SUMMARY_SELECT.postgresql : SUMMARY_COLUMNS;
    const onEndpoint = query.endpoint ? `AND ${pg ? "" : "+"}endpoint_id = @endpoint` : "";
    return {
      sql: `SELECT ${columns} FROM deliveries
            WHERE (result = 'failed' OR signature = 'invalid' OR kind = 'unparsed')
              AND received_at >= ${at("since")} AND received_at < ${at("until")} ${onEndpoint}
            ORDER BY received_at DESC, id DESC LIMIT @limit`,
      params: {
        since: query.since,
        until: query.until,
        limit: query.limit,
        ...(query.endpoint ? { endpoint: query.endpoint } : {}),
      },
    };
  });
}
