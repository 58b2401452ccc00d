import Database from "better-sqlite3";
import pg from "pg";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { sendDelivery } from "./api";

/** What retention's integration tests send, on either engine, and what they check after. */
export const retentionEvent = (i: number) =>
  renderDelivery({
    kind: "event",
    event: {
      resource_type: "server",
      action: "update",
      resource_details: { id: `vm-${i % 40}`, name: `vm-${i % 40}`, status: `s${i}` },
    },
  });

/** Deliveries `from` … `from + count - 1`, `concurrency` at a time, each to the next of
 *  `receiverUrls` in turn; every one must be answered 200. Ids and latencies sorted. */
export async function sendMany(
  receiverUrls: string[],
  from: number,
  count: number,
  concurrency = 8,
) {
  const ids: number[] = [];
  const latencies: number[] = [];
  let next = from;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < from + count) {
        const i = next++;
        const started = performance.now();
        const answer = await sendDelivery(
          receiverUrls[i % receiverUrls.length]!,
          retentionEvent(i),
        );
        latencies.push(performance.now() - started);
        if (answer.status !== 200) throw new Error(`delivery ${i} answered ${answer.status}`);
        ids.push(answer.body.id as number);
      }
    }),
  );
  return { ids: ids.sort((a, b) => a - b), latencies: latencies.sort((a, b) => a - b) };
}

const ORPHANS = {
  contents:
    "SELECT count(*) AS n FROM delivery_contents WHERE delivery_id NOT IN (SELECT id FROM deliveries)",
  resources:
    "SELECT count(*) AS n FROM resources WHERE last_event_id NOT IN (SELECT id FROM deliveries)",
  changes:
    "SELECT count(*) AS n FROM resource_changes WHERE delivery_id NOT IN (SELECT id FROM deliveries)",
};

/** Rows that point at a delivery that is gone, in a SQLite file or a PostgreSQL database:
 *  retention must leave none. */
export async function orphans(database: { file: string } | { url: string }) {
  const counts: Record<string, number> = {};
  if ("file" in database) {
    const db = new Database(database.file, { readonly: true });
    try {
      for (const [name, sql] of Object.entries(ORPHANS))
        counts[name] = (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
    return counts;
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    for (const [name, sql] of Object.entries(ORPHANS))
      counts[name] = Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
  } finally {
    await client.end();
  }
  return counts;
}
