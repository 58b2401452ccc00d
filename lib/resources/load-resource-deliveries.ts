import type Database from "better-sqlite3";
import { cachedStatement } from "../db/cached-statement";
import { getDatabase } from "../db/sqlite";
import { SUMMARY_COLUMNS } from "../events/delivery-summary";
import { dictionaryLoader } from "../storage/content-dictionary";
import {
  toResourceDelivery,
  type ResourceDelivery,
  type ResourceDeliveryRow as Row,
} from "./resource-delivery";

export type { ResourceDelivery } from "./resource-delivery";

/** Deliveries with their bodies' details, oldest first; `where` names the summary columns. */
function queryDeliveries(
  db: Database.Database,
  where: string[],
  params: Record<string, unknown>,
  limit?: number,
  cached = true,
): ResourceDelivery[] {
  const rows = cachedStatement(
    db,
    `SELECT s.*, c.encoding, c.body
       FROM (SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE ${where.join(" AND ")}
             ORDER BY id${limit === undefined ? "" : ` LIMIT ${Math.floor(limit)}`}) s
       LEFT JOIN delivery_contents c ON c.delivery_id = s.id AND s.signature <> 'invalid'
       ORDER BY s.id`,
  )
    // Only the parameters given: better-sqlite3 cannot bind undefined.
    .all(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined))) as Row[];
  // One dictionary lookup for the whole timeline, not one per delivery.
  const loadDictionary = dictionaryLoader(db);
  return rows.map((row) => toResourceDelivery(row, loadDictionary, cached));
}

/**
 * Every event about one resource, oldest first, with its resource_details read from the
 * stored (redacted) body. Invalid-signature deliveries come without details: the
 * timeline leaves them out, so their bodies are never read. Served by the
 * (resource_type, resource_id) index.
 */
export function loadResourceDeliveries(options: {
  resourceType: string;
  resourceId: string;
  endpointId?: string;
  /** Only deliveries up to this id. */
  throughId?: number;
  /** Only deliveries past this id, at most `limit` of them. */
  afterId?: number;
  limit?: number;
  db?: Database.Database;
}): ResourceDelivery[] {
  const { db = getDatabase(), limit, ...params } = options;
  const conditions = [
    "resource_type = @resourceType",
    "resource_id = @resourceId",
    "kind = 'event'",
  ];
  if (options.endpointId !== undefined) conditions.push("endpoint_id = @endpointId");
  if (options.throughId !== undefined) conditions.push("id <= @throughId");
  if (options.afterId !== undefined) conditions.push("id > @afterId");
  return queryDeliveries(db, conditions, params, limit);
}

/**
 * The next `limit` events about any resource past delivery `afterId`, oldest first. Not
 * through the details cache: the keeper reads each once, and would only push out what
 * readers come back to.
 */
export function loadDeliveriesPast(
  db: Database.Database,
  options: { afterId: number; limit: number },
): ResourceDelivery[] {
  const conditions = [
    "id > @afterId",
    "kind = 'event'",
    "resource_type IS NOT NULL",
    "resource_id IS NOT NULL",
  ];
  return queryDeliveries(db, conditions, { afterId: options.afterId }, options.limit, false);
}

/** One delivery with its details, or undefined when it is not kept (any more). */
export function loadDelivery(db: Database.Database, id: number): ResourceDelivery | undefined {
  return queryDeliveries(db, ["id = @id"], { id })[0];
}
