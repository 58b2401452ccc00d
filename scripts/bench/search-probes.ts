/**
 * The searches the payload search benchmark times (issue 16's list), picked from the
 * seeded database, and the same searches without the index: the scan every body
 * reading that an install without it (or a delivery the indexer has not reached) costs.
 */
import { openDatabase } from "../../lib/db/sqlite";
import { loadDictionaries, sourceText } from "../../lib/search/search-index-sqlite";
import { findSearchPage } from "../../lib/search/search-query-sqlite";
import { round } from "./stats";

export type SearchProbe = {
  name: string;
  q: string;
  target_ms: number;
  /** A feed filter beside q: its query string for the API and its SQL for the scan. */
  filter?: { query: string; where: { sql: string; params: Record<string, string> } };
};

/** A value found in one delivery in the middle of the table (an address the seeder wrote
 *  for that delivery alone), a value in close to half the deliveries, a field term in a
 *  third, and text no delivery holds. */
export function pickSearchProbes(file: string): SearchProbe[] {
  const db = openDatabase(file);
  loadDictionaries(db);
  const middle = db.prepare("SELECT max(id) / 2 FROM deliveries").pluck().get() as number;
  const rows = db
    .prepare(
      `SELECT c.encoding, c.body FROM deliveries d JOIN delivery_contents c ON c.delivery_id = d.id
       WHERE d.id >= ? AND d.kind = 'event' ORDER BY d.id LIMIT 100`,
    )
    .all(middle) as Array<{ encoding: string; body: Buffer }>;
  let rare: string | undefined;
  for (const row of rows) {
    rare = /"10\.\d+\.\d+\.\d{3}"/.exec(sourceText(db, row.encoding, row.body) ?? "")?.[0];
    if (rare) break;
  }
  db.close();
  if (!rare) throw new Error("no address found to search for");
  return [
    { name: `rare value (${rare.slice(1, -1)})`, q: rare.slice(1, -1), target_ms: 50 },
    { name: "common value (zone1), first page", q: "zone1", target_ms: 50 },
    { name: "field term (status:running), first page", q: "status:running", target_ms: 50 },
    {
      name: "matching nothing (no-such-value-anywhere)",
      q: "no-such-value-anywhere",
      target_ms: 50,
    },
    // Not one of issue 16's four: a filter that holds many deliveries, none of them a
    // match (the case that read a row per candidate), held to the feed's first-page target.
    {
      name: "common value within a broad filter (zone1, kind=text: none match)",
      q: "zone1",
      target_ms: 50,
      filter: { query: "kind=text", where: { sql: "d.kind = @kind0", params: { kind0: "text" } } },
    },
  ];
}

/** Each probe's first page read from every body (no index), `runs` times (it takes
 *  seconds, at 1M minutes): too few runs for a p95, so every run is kept. */
export function scanWithoutIndex(file: string, probes: SearchProbe[], runs = 1) {
  const db = openDatabase(file);
  try {
    return probes.map((probe) => {
      const times: number[] = [];
      let found = 0;
      for (let run = 0; run < runs; run++) {
        const started = performance.now();
        found = findSearchPage<{ id: number }>(db, {
          text: probe.q,
          columns: "d.id",
          where: probe.filter?.where ?? { sql: "1 = 1", params: {} },
          limit: 51,
          through: 0,
        }).length;
        times.push(round(performance.now() - started, 0));
      }
      const sorted = [...times].sort((a, b) => a - b);
      return {
        name: probe.name,
        ms: sorted[(sorted.length - 1) >> 1]!,
        runs_ms: times,
        first_page: found,
      };
    });
  } finally {
    db.close();
  }
}
