import type pg from "pg";
import type { DiffEntry } from "../../diff/diff-resource-details";
import type { ResourceRef, TimelineChain } from "../../resources/kept-steps";
import {
  toResourceDelivery,
  type ResourceDelivery,
  type ResourceDeliveryRow,
} from "../../resources/resource-delivery";
import { createEncoder, decodeBytes } from "../../storage/content-codec";
import { clientRows, numberedParameters } from "../sql-query";
import { contentDictionaryLoader, loadContentDictionaries } from "./content-dictionaries";
import { SUMMARY_SELECT } from "./deliveries";

/**
 * What the timeline keeper on PostgreSQL reads and writes besides a chain's steps
 * (timelines-postgres.ts says how it keeps): its watermarks, the resource locks, the
 * deliveries with their bodies, the diffs' encoding.
 */
export type Json = Record<string, unknown>;
export type Db = pg.PoolClient | pg.Pool;

/** Deliveries of one resource read at once when one timeline catches up (as SQLite's). */
export const RESOURCE_CHUNK = 2000;

/** The keeper's watermark (as SQLite's), and how far the endpoint chains' sweep went. */
export const KEPT_THROUGH = "timeline_steps.kept_through";
export const SWEPT = "timeline_endpoint_steps.swept_key";

/** "hltl": the resource locks' key space, apart from the job locks' ("hljb"). */
const RESOURCE_LOCK_SPACE = 0x686c746c;

export const STEP_COLUMNS = `delivery_id, head, invalid::int AS invalid, flags, compared_to, diff,
  diff_dictionary, state_of, state, snapshot_time`;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Where a chain's steps and head are kept, and its head's key columns and values. */
export function chainSql(chain: TimelineChain) {
  const whole = chain.endpointId === undefined;
  return {
    whole,
    steps: whole ? "timeline_steps" : "timeline_endpoint_steps",
    heads: whole ? "timeline_heads" : "timeline_endpoint_heads",
    where: whole
      ? "resource_type = $1 AND resource_id = $2"
      : "resource_type = $1 AND resource_id = $2 AND endpoint_id = $3",
    key: whole
      ? [chain.resourceType, chain.resourceId]
      : [chain.resourceType, chain.resourceId, chain.endpointId],
  };
}

/** Waits for (and holds to the transaction's end) the lock on one resource's chains. */
export async function lockResource(client: pg.PoolClient, resource: ResourceRef) {
  await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2 || chr(1) || $3))", [
    RESOURCE_LOCK_SPACE,
    resource.resourceType,
    resource.resourceId,
  ]);
}

export async function readWatermark(db: Db, key: string): Promise<number> {
  const [row] = await clientRows<{ value: string }>(
    db,
    "SELECT value FROM settings WHERE key = $1",
    [key],
  );
  return Number(row?.value ?? 0) || 0;
}

/** The watermark row, locked to the transaction's end (made first when missing). */
export async function lockWatermark(client: pg.PoolClient, key: string): Promise<number> {
  await client.query(
    `INSERT INTO settings (key, value, updated_at) VALUES ($1, '0', now())
     ON CONFLICT (key) DO NOTHING`,
    [key],
  );
  const [row] = await clientRows<{ value: string }>(
    client,
    "SELECT value FROM settings WHERE key = $1 FOR UPDATE",
    [key],
  );
  return Number(row?.value ?? 0) || 0;
}

export async function writeWatermark(client: pg.PoolClient, key: string, through: number) {
  await client.query(
    `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    [key, String(through)],
  );
}

/** Runs `work` in one READ COMMITTED transaction on a client of the pool. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Deliveries with their bodies' details, oldest first; `where` names the summary columns. */
export async function queryDeliveries(
  db: Db,
  where: string[],
  params: Record<string, unknown>,
  options: { limit?: number; cached: boolean },
): Promise<ResourceDelivery[]> {
  const limit = options.limit === undefined ? "" : ` LIMIT ${Math.floor(options.limit)}`;
  const { text, values } = numberedParameters(
    `SELECT s.*, c.encoding, c.body
       FROM (SELECT ${SUMMARY_SELECT.postgresql} FROM deliveries WHERE ${where.join(" AND ")}
             ORDER BY id${limit}) s
       LEFT JOIN delivery_contents c ON c.delivery_id = s.id AND s.signature <> 'invalid'
       ORDER BY s.id`,
    params,
  );
  const rows = await clientRows<ResourceDeliveryRow>(db, text, values);
  // The dictionaries the contents name, another instance's learned one included.
  await loadContentDictionaries(rows.map((row) => row.encoding));
  const load = contentDictionaryLoader();
  return rows.map((row) => toResourceDelivery(row, load, options.cached));
}

/** Every event about one resource (or one endpoint's), oldest first, as SQLite's reads it. */
export function loadResourceDeliveries(
  db: Db,
  options: TimelineChain & { throughId?: number; afterId?: number; limit?: number },
): Promise<ResourceDelivery[]> {
  const where = ["resource_type = @resourceType", "resource_id = @resourceId", "kind = 'event'"];
  const params: Record<string, unknown> = {
    resourceType: options.resourceType,
    resourceId: options.resourceId,
  };
  const optional = { endpointId: "endpoint_id =", throughId: "id <=", afterId: "id >" } as const;
  for (const [name, condition] of Object.entries(optional)) {
    const value = options[name as keyof typeof optional];
    if (value === undefined) continue;
    where.push(`${condition} @${name}`);
    params[name] = value;
  }
  return queryDeliveries(db, where, params, { limit: options.limit, cached: true });
}

/** The next `limit` events about any resource in (afterId, throughId], not through the details cache. */
export function loadDeliveriesPast(db: Db, afterId: number, throughId: number, limit: number) {
  return queryDeliveries(
    db,
    [
      "id > @afterId",
      "id <= @throughId",
      "kind = 'event'",
      "resource_type IS NOT NULL",
      "resource_id IS NOT NULL",
    ],
    { afterId, throughId },
    { limit, cached: false },
  );
}

/** A step's diff as PostgreSQL keeps it: plain zstd (its contents have no dictionary yet). */
let diffEncoder: ReturnType<typeof createEncoder> | null = null;
export function encodeDiff(diff: DiffEntry[] | null) {
  if (diff === null) return { diff: null, diff_dictionary: null };
  diffEncoder ??= createEncoder(null);
  return { diff: diffEncoder.encode(Buffer.from(JSON.stringify(diff))), diff_dictionary: null };
}

/** A kept step's diff entries, or null when it compared nothing. */
export function decodeDiff(stored: { diff: Buffer | null }): DiffEntry[] | null {
  if (stored.diff === null) return null;
  return JSON.parse(decodeBytes("zstd", stored.diff, () => null).toString("utf8")) as DiffEntry[];
}
