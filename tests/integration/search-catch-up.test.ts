import { afterAll, expect, inject, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { generateLoadDeliveries } from "../../lib/simulator/load-deliveries";
import { openDatabase } from "../../lib/db/sqlite";
import { api, createEndpoint, sendDelivery, type EndpointBody } from "../support/api";
import { eventually } from "../support/deliveries";
import { engineDatabase, type EngineDatabase } from "../support/engine-database";
import { startServer, type RunningServer } from "../support/start-server";

/**
 * The index catching up on deliveries it has never seen (an upgrade, or a server that ran
 * with HOOKLENS_SEARCH_INDEX=off): searches made while it runs, for deliveries behind
 * it, ahead of it and arriving meanwhile, find each exactly once.
 */
let database: EngineDatabase;
let server: RunningServer | null = null;
let endpoint: EndpointBody;
let lastId = 0;
afterAll(async () => {
  await server?.stop();
});

type Status = { indexed_through: number; newest_delivery_id: number };
type Page = { data: Array<{ id: number }> };

const marked = (marker: string) =>
  renderDelivery({
    kind: "event",
    event: {
      resource_type: "server",
      action: "update",
      resource_details: { id: marker, name: `web-${marker}`, nics: [{ mac: marker }] },
    },
  });

async function found(endpoint: EndpointBody, q: string): Promise<number[]> {
  const page = await api<Page>(
    server!.baseUrl,
    `/api/events?endpoint=${endpoint.id}&limit=500&q=${encodeURIComponent(q)}`,
  );
  expect(page.status).toBe(200);
  return page.body.data.map((event) => event.id);
}

it("finds every delivery exactly once while the index catches up", async () => {
  // On either engine: SQLite's worker, or the PostgreSQL instance holding the index's lock.
  database = await engineDatabase("catch-up");
  const env = { HOOKLENS_RATE_LIMIT: "0" };
  server = await startServer(database.on({ env: { ...env, HOOKLENS_SEARCH_INDEX: "off" } }));
  endpoint = await createEndpoint(server.baseUrl);
  const first = await sendDelivery(endpoint.receiver_url, marked("catchup-first"));
  const load = [...generateLoadDeliveries({ seed: 16, count: 4000 })];
  for (let i = 0; i < load.length; i += 40) {
    await Promise.all(load.slice(i, i + 40).map((d) => sendDelivery(endpoint.receiver_url, d)));
  }
  const last = await sendDelivery(endpoint.receiver_url, marked("catchup-last"));
  lastId = last.body.id as number;
  const off = await api<Status>(server.baseUrl, "/api/search");
  expect(off.body.indexed_through).toBe(0);
  await server.stop();

  server = await startServer(database.on({ env }));
  const receiverUrl = `${server.baseUrl}/api/hooks/${endpoint.token}`;
  const sent: Array<[string, number]> = [];
  let midway = 0;
  for (let round = 0; ; round++) {
    const { body: status } = await api<Status>(server.baseUrl, "/api/search");
    const done = status.indexed_through >= status.newest_delivery_id;
    if (status.indexed_through > 0 && !done) midway++;
    const marker = `catchup-during-${round}-`;
    const answer = await sendDelivery(receiverUrl, marked(marker));
    sent.push([marker, (answer.body as { id: number }).id]);
    expect(await found(endpoint, "catchup-first")).toEqual([first.body.id as number]);
    expect(await found(endpoint, "mac:catchup-last")).toEqual([last.body.id as number]);
    expect(await found(endpoint, marker)).toEqual([sent.at(-1)![1]]);
    if (done) break;
  }
  // Searches ran while the index was part way: before it, they were all body scans.
  expect(midway).toBeGreaterThan(0);
  const during = await found(endpoint, "catchup-during");
  expect(during.sort((a, b) => a - b)).toEqual(sent.map(([, id]) => id));
}, 600_000);

// SQLite's FTS5 table can go missing (a file restored without it, a tool that dropped
// it) and is made again at start; PostgreSQL's is its migrations', which the server never
// drops (a rebuild asked through /api/search is search.test.ts's, on both engines).
const onSqlite = inject("engine") === "sqlite" ? it : it.skip;

onSqlite(
  "builds the index again at start when its table was deleted",
  async () => {
    await server!.stop();
    const { location } = database;
    if (!("file" in location)) throw new Error("SQLite expected");
    const db = openDatabase(location.file);
    db.exec("DROP TABLE search_index");
    db.close();
    server = await startServer(database.on({ env: { HOOKLENS_RATE_LIMIT: "0" } }));
    expect(server.output()).toContain("search index was missing");
    await eventually(async () => {
      const { body } = await api<Status>(server!.baseUrl, "/api/search");
      expect(body.indexed_through).toBe(body.newest_delivery_id);
    }, 300_000);
    // A field term is answered from the index alone once it has reached a delivery.
    expect(await found(endpoint, "mac:catchup-last")).toEqual([lastId]);
    expect(await found(endpoint, "catchup-first")).toHaveLength(1);
  },
  600_000,
);
