import type { DeliveryFilter } from "../../events/delivery-filter";
import type { FacetGroup } from "../../events/facet-counts";
import { SUMMARY_COLUMNS, type SummaryRow } from "../../events/delivery-summary";
import { findSearchPage, matchingDeliveryIds } from "../../search/search-query-sqlite";
import { cachedStatement } from "../cached-statement";
import { connection } from "../connection";
import type { Engine } from "../engine";
import { builtRows, clientRows, numberedParameters, perEngine, sqlQuery } from "../sql-query";
import { MS } from "./dialect";
import { deliveryFilterSql, feedWhere } from "./delivery-filter";
import {
  countSearchedFeed,
  searchedFacets,
  searchedFeedRows,
  searchMatchingIdsPostgres,
} from "./search-feed-postgres";

/**
 * The deliveries the feed, the stream and a delivery's detail read, in both dialects
 * (STYLE.md). A summary row is the same on both engines: received_at in Unix ms.
 */
export const SUMMARY_SELECT = {
  sqlite: SUMMARY_COLUMNS,
  postgresql: SUMMARY_COLUMNS.replace(/\breceived_at\b/, `${MS("received_at")} AS received_at`),
};

export const summaryById = sqlQuery<SummaryRow, [id: number]>({
  sqlite: `SELECT ${SUMMARY_SELECT.sqlite} FROM deliveries WHERE id = ?`,
  postgresql: `SELECT ${SUMMARY_SELECT.postgresql} FROM deliveries WHERE id = $1`,
});

export const endpointNameById = sqlQuery<{ id: string; name: string }, [id: string]>({
  sqlite: "SELECT id, name FROM endpoints WHERE id = ?",
  postgresql: "SELECT id, name FROM endpoints WHERE id = $1",
});

/** A page of the feed, newest first, below `cursor`; with `q` the search index leads. */
export async function feedPage(filter: DeliveryFilter, cursor: number | undefined, limit: number) {
  const db = connection();
  if (db.engine === "sqlite" && filter.q) {
    return findSearchPage<SummaryRow>(db.sqlite, {
      text: filter.q,
      columns: SUMMARY_COLUMNS.split(",")
        .map((name) => `d.${name.trim()}`)
        .join(", "),
      where: deliveryFilterSql({ ...filter, q: undefined }, "d", { db: db.sqlite }),
      cursor,
      limit,
    });
  }
  if (filter.q) {
    return searchedFeedRows<SummaryRow>(filter, {
      columns: SUMMARY_SELECT.postgresql,
      rest: cursor === undefined ? "" : " AND id < @cursor",
      params: cursor === undefined ? {} : { cursor },
      order: "desc",
      limit,
    });
  }
  return builtRows<SummaryRow>((engine) => {
    const where = feedWhere(engine, filter);
    const below = cursor === undefined ? "" : " AND id < @cursor";
    return {
      sql: `SELECT ${SUMMARY_SELECT[engine]} FROM deliveries WHERE ${where.sql}${below} ORDER BY id DESC LIMIT @limit`,
      params: { ...where.params, ...(cursor === undefined ? {} : { cursor }), limit },
    };
  });
}

/** Matching deliveries after `after` and up to `through` (all when undefined), oldest
 *  first, at most `limit`: the stream's catch-up and the export's pages. Ids commit in
 *  order on both engines (the PostgreSQL writer's ingest lock), so nothing committed later
 *  can still appear below the last id read. */
export function deliveriesAfter(
  filter: DeliveryFilter,
  after: number,
  limit: number,
  through?: number,
) {
  if (filter.q && connection().engine === "postgresql") {
    return searchedFeedRows<SummaryRow>(filter, {
      columns: SUMMARY_SELECT.postgresql,
      rest: ` AND id > @after${through === undefined ? "" : " AND id <= @through"}`,
      params: { after, ...(through === undefined ? {} : { through }) },
      order: "asc",
      limit,
    });
  }
  return builtRows<SummaryRow>((engine) => {
    const where = feedWhere(engine, filter);
    const upTo = through === undefined ? "" : " AND id <= @through";
    return {
      sql: `SELECT ${SUMMARY_SELECT[engine]} FROM deliveries WHERE ${where.sql} AND id > @after${upTo} ORDER BY id LIMIT @limit`,
      params: { ...where.params, after, limit, ...(through === undefined ? {} : { through }) },
    };
  });
}

/** Which of these deliveries match a payload search (the stream's check of what was stored). */
export function searchMatchingIds(ids: number[], q: string): Promise<Set<number>> {
  const db = connection();
  if (db.engine === "postgresql") return searchMatchingIdsPostgres(ids, q);
  return Promise.resolve(matchingDeliveryIds(db.sqlite, ids, q));
}

/** The newest delivery id (0 when there is none): where an export or a bulk replay ends. */
export const newestDeliveryId = sqlQuery<{ id: number }, []>({
  sqlite: "SELECT coalesce(max(id), 0) AS id FROM deliveries",
  postgresql: "SELECT coalesce(max(id), 0) AS id FROM deliveries",
});

const FACET_COLUMNS = ["endpoint_id", "resource_type", "action", "result", "kind"];

/**
 * The feed's facet groups for a filter (lib/events/count-facets.ts) and the newest id of
 * the same snapshot: SQLite in one read transaction, PostgreSQL in one REPEATABLE READ
 * transaction. On SQLite, `indexOrder` groups in the order of the covering index
 * (endpoint_id, resource_type, action, result, kind); otherwise `+col` keeps SQLite off
 * that index's order and on the filter's own index. PostgreSQL's planner needs no hint.
 */
export function facetGroups(
  filter: DeliveryFilter,
  options: { indexOrder: boolean; approximateSearch: boolean },
): Promise<{ groups: FacetGroup[]; throughId: number }> {
  if (filter.q && connection().engine === "postgresql") {
    return searchedFacets(filter, options.approximateSearch);
  }
  const text = (engine: Engine) => {
    const where = feedWhere(engine, filter, "", options);
    const hint = engine === "sqlite" && !options.indexOrder ? "+" : "";
    const groupBy = FACET_COLUMNS.map((column) => `${hint}${column}`).join(", ");
    return {
      sql: `SELECT resource_type, action, result, kind, count(*) AS n FROM deliveries
            WHERE ${where.sql} GROUP BY ${groupBy}`,
      params: where.params,
    };
  };
  return perEngine({
    sqlite: (db) => {
      const { sql, params } = text("sqlite");
      return db.transaction(() => ({
        groups: cachedStatement(db, sql).all(params) as FacetGroup[],
        throughId: (cachedStatement(db, newestDeliveryId.sql.sqlite).get() as { id: number }).id,
      }))();
    },
    postgresql: async (client) => {
      const { sql, params } = text("postgresql");
      const numbered = numberedParameters(sql, params);
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      try {
        const groups = await clientRows<FacetGroup>(client, numbered.text, numbered.values);
        const [newest] = await clientRows<{ id: number }>(client, newestDeliveryId.sql.postgresql);
        await client.query("COMMIT");
        return { groups, throughId: newest?.id ?? 0 };
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    },
  });
}

/** How many deliveries match a filter, and the newest of them: what a bulk replay sends. */
export async function countMatching(filter: DeliveryFilter) {
  if (filter.q && connection().engine === "postgresql") return countSearchedFeed(filter);
  const [row] = await builtRows<{ total: number; maxId: number }>((engine) => {
    const where = feedWhere(engine, filter);
    return {
      sql: `SELECT count(*) AS total, coalesce(max(id), 0) AS "maxId" FROM deliveries WHERE ${where.sql}`,
      params: where.params,
    };
  });
  return row ?? { total: 0, maxId: 0 };
}

export type TargetRow = { id: number; resourceType: string | null; resourceId: string | null };

/** Matching deliveries after `after` up to `maxId`, oldest first: a bulk replay's next page. */
export function targetPage(filter: DeliveryFilter, after: number, maxId: number, limit: number) {
  if (filter.q && connection().engine === "postgresql") {
    return searchedFeedRows<TargetRow>(filter, {
      columns: `id, resource_type AS "resourceType", resource_id AS "resourceId"`,
      rest: " AND id > @after AND id <= @maxId",
      params: { after, maxId },
      order: "asc",
      limit,
    });
  }
  return builtRows<TargetRow>((engine) => {
    const where = feedWhere(engine, filter);
    return {
      sql: `SELECT id, resource_type AS "resourceType", resource_id AS "resourceId" FROM deliveries
            WHERE ${where.sql} AND id > @after AND id <= @maxId ORDER BY id LIMIT @limit`,
      params: { ...where.params, after, maxId, limit },
    };
  });
}
