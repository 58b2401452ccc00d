import type pg from "pg";
import { getDetailsCache } from "../../resources/details-cache";
import { searchDocument } from "../../search/search-document";
import { MAX_BATCH_CHARS, SEARCH_INDEX_VERSION } from "../../search/search-index-sqlite";
import { documentTerms } from "../../search/search-terms";
import { documentLexemes } from "../../search/search-tsquery";
import { clientRows } from "../sql-query";
import { loadContentDictionaries } from "./content-dictionaries";
import { postgresText } from "./dialect";
import { bodyText, SOURCE_COLUMNS, type Source } from "./search-postgres";
import { ID_HOLDERS, settle, type Settling } from "./stats-rollups-postgres";

/**
 * The payload search index's upkeep on PostgreSQL (docs/cluster.md, "Payload search"; the
 * reads are in search-postgres.ts): one step at a time, run by the instance holding the
 * job lock "search-index" (lib/search/start-search-index-job.ts).
 */

/** Per pool: which ids can no longer commit below the newest (stats-rollups-postgres.ts). */
const settlings = new WeakMap<pg.Pool, Settling>();

export type PostgresIndexStep = {
  /** Deliveries read and indexed. */
  rows: number;
  written: number;
  /** Nothing settled was past the watermark. */
  caughtUp: boolean;
  /** Ids wait to settle: come back shortly even if no delivery arrives. */
  waiting: boolean;
};

type IndexRow = { id: number; lexemes: string; fields: string[] };

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function ensureState(client: pg.PoolClient) {
  await client.query(
    `INSERT INTO search_index_state (id, indexed_through, version) VALUES (1, 0, $1)
     ON CONFLICT (id) DO NOTHING`,
    [SEARCH_INDEX_VERSION],
  );
  const [state] = await clientRows<{ through: number; version: number }>(
    client,
    `SELECT indexed_through AS through, version FROM search_index_state WHERE id = 1`,
  );
  return state!;
}

/** Empties the index (the next steps build it again from the first delivery). */
export async function resetSearchIndexPostgres(client: pg.PoolClient): Promise<void> {
  await ensureState(client);
  await client.query("BEGIN");
  try {
    await client.query("SELECT 1 FROM search_index_state WHERE id = 1 FOR UPDATE");
    await client.query("TRUNCATE search_index");
    await client.query("DELETE FROM search_fields");
    await client.query(
      "UPDATE search_index_state SET indexed_through = 0, version = $1 WHERE id = 1",
      [SEARCH_INDEX_VERSION],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** Index rows for the deliveries (after, to], cut short at MAX_BATCH_CHARS of terms. */
async function readIndexRows(client: pg.PoolClient, after: number, to: number) {
  const sources = await clientRows<Omit<Source, "encoding" | "body">>(
    client,
    `SELECT ${SOURCE_COLUMNS} FROM deliveries d WHERE d.id > $1 AND d.id <= $2 ORDER BY d.id`,
    [after, to],
  );
  const cache = getDetailsCache();
  const uncached = sources.filter((row) => cache.get(row.id) === undefined).map((row) => row.id);
  const bodies = new Map<number, string | null>();
  if (uncached.length) {
    const contents = await clientRows<{ id: number; encoding: string; body: Buffer }>(
      client,
      "SELECT delivery_id AS id, encoding, body FROM delivery_contents WHERE delivery_id = ANY($1::bigint[])",
      [uncached],
    );
    await loadContentDictionaries(contents.map((content) => content.encoding));
    for (const content of contents) bodies.set(content.id, bodyText(content));
  }
  const rows: IndexRow[] = [];
  let through = to;
  let chars = 0;
  let sinceYield = performance.now();
  for (const source of sources) {
    if (chars >= MAX_BATCH_CHARS) {
      through = rows.at(-1)!.id;
      break;
    }
    const details = cache.get(source.id);
    const document =
      details !== undefined
        ? searchDocument({ ...source, body: null, details })
        : searchDocument({ ...source, body: bodies.get(source.id) ?? null });
    const names = new Set<string>();
    for (const leaf of document.leaves) names.add(leaf.key).add(leaf.path);
    const terms = documentTerms(document);
    chars += terms.length;
    rows.push({ id: source.id, lexemes: documentLexemes(terms).join(" "), fields: [...names] });
    // Cutting terms is this process's CPU: the receiver gets the loop back every few ms.
    if (performance.now() - sinceYield > 5) {
      await yieldToEventLoop();
      sinceYield = performance.now();
    }
  }
  return { rows, through };
}

/**
 * One step of the PostgreSQL indexer: up to maxRows delivery ids past the watermark, but
 * never past an id that may still commit below it (ids are drawn before their rows
 * commit: the watermark moves only over settled ids, as the stats rollups' does). The
 * batch is read and cut into lexemes outside any transaction; the write checks the
 * watermark under its row lock, so a batch overtaken by a reset or by another holder's
 * step is dropped, never indexed twice, and rows pruned since the read are left out.
 */
export async function indexSearchStepPostgres(
  pool: pg.Pool,
  maxRows: number,
): Promise<PostgresIndexStep> {
  let settling = settlings.get(pool);
  if (!settling) settlings.set(pool, (settling = { settled: 0, candidate: null }));
  const client = await pool.connect();
  try {
    const state = await ensureState(client);
    if (state.version !== SEARCH_INDEX_VERSION) {
      await resetSearchIndexPostgres(client);
      state.through = 0;
    }
    const after = state.through;
    const [top] = await clientRows<{ newest: number }>(
      client,
      "SELECT coalesce(max(id), 0) AS newest FROM deliveries",
    );
    const holders = await clientRows<{ vxid: string }>(client, ID_HOLDERS);
    settle(settling, top?.newest ?? 0, new Set(holders.map((holder) => holder.vxid)));
    const to = Math.min(settling.settled, after + maxRows);
    const waiting = settling.candidate !== null;
    if (to <= after) return { rows: 0, written: 0, caughtUp: true, waiting };
    const batch = await readIndexRows(client, after, to);
    await client.query("BEGIN");
    try {
      const [locked] = await clientRows<{ through: number }>(
        client,
        "SELECT indexed_through AS through FROM search_index_state WHERE id = 1 FOR UPDATE",
      );
      if (locked?.through !== after) {
        await client.query("ROLLBACK");
        return { rows: batch.rows.length, written: 0, caughtUp: false, waiting };
      }
      const inserted = await clientRows<{ id: number }>(
        client,
        `INSERT INTO search_index (delivery_id, terms)
         SELECT u.id, array_to_tsvector(string_to_array(u.lexemes, ' '))
         FROM unnest($1::bigint[], $2::text[]) AS u(id, lexemes) JOIN deliveries d ON d.id = u.id
         ON CONFLICT (delivery_id) DO UPDATE SET terms = excluded.terms
         RETURNING delivery_id AS id`,
        [batch.rows.map((row) => row.id), batch.rows.map((row) => row.lexemes)],
      );
      const kept = new Set(inserted.map((row) => row.id));
      const fields = new Map<string, number>();
      for (const row of batch.rows) {
        if (!kept.has(row.id)) continue;
        for (const name of row.fields) fields.set(name, (fields.get(name) ?? 0) + 1);
      }
      if (fields.size) {
        await client.query(
          `INSERT INTO search_fields (name, deliveries) SELECT * FROM unnest($1::text[], $2::int[])
           ON CONFLICT (name) DO UPDATE SET deliveries = search_fields.deliveries + excluded.deliveries`,
          [[...fields.keys()].map(postgresText), [...fields.values()]],
        );
      }
      await client.query("UPDATE search_index_state SET indexed_through = $1 WHERE id = 1", [
        batch.through,
      ]);
      await client.query("COMMIT");
      return {
        rows: batch.rows.length,
        written: batch.through - after,
        caughtUp: false,
        waiting: waiting || batch.through < settling.settled,
      };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } finally {
    client.release();
  }
}
