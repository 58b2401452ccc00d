import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { storedBytes } from "../../lib/events/get-delivery";
import type { DeliveryDetail } from "../../lib/events/delivery-types";
import { generateDeliveries } from "../../lib/simulator/generate-deliveries";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { eventually } from "../support/deliveries";
import { freshDatabase } from "../support/start-postgres";
import { startServer, type RunningServer } from "../support/start-server";

/**
 * The contents' dictionary in cluster mode (issue 14): instances on one PostgreSQL database
 * of their own write with the seed dictionary stored once; one instance at a time holds
 * the job lock "dictionary-learner"; when it is killed with SIGKILL before it learned,
 * another takes the lock over and learns once enough is stored; every instance then
 * writes with the learned dictionary, and every body reads back byte-exact through each,
 * whichever instance wrote it with whichever dictionary.
 */
const AFTER = 40;
const LEARNS = "> Dictionary learner: this instance learns";
const LEARNED_HERE = /> Learned the contents' dictionary (\d+) from stored deliveries/;
const LEARNED_ELSEWHERE = /> Learned the contents' dictionary (\d+) on another instance/;

let databaseUrl: string;
let admin: pg.Client;
let env: Record<string, string>;
const instances: RunningServer[] = [];
const deliveries = [...generateDeliveries({ seed: 93, count: 100 })];
const sent: Array<{ id: number; body: string }> = [];

async function send(instance: RunningServer, token: string, count: number) {
  for (let i = 0; i < count; i++) {
    const delivery = deliveries[sent.length]!;
    const answer = await sendDelivery(`${instance.baseUrl}/api/hooks/${token}`, delivery);
    expect(answer.status).toBe(200);
    sent.push({ id: answer.body.id as number, body: delivery.body });
  }
}

async function encodings(): Promise<Map<number, string>> {
  const { rows } = await admin.query<{ id: string; encoding: string }>(
    "SELECT delivery_id AS id, encoding FROM delivery_contents",
  );
  return new Map(rows.map((row) => [Number(row.id), row.encoding]));
}

beforeAll(async () => {
  databaseUrl = await freshDatabase(inject("postgresUrl"), "cluster_dictionary");
  env = {
    DATABASE_URL: databaseUrl,
    HOOKLENS_POSTGRES_UNFINISHED: "1",
    HOOKLENS_DICTIONARY_LEARN_AFTER: String(AFTER),
    HOOKLENS_RATE_LIMIT: "0",
  };
  // One after the other, so that only one applies the migrations.
  instances.push(await startServer({ env }));
  instances.push(await startServer({ env }));
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
}, 240_000);

afterAll(async () => {
  await admin?.end();
  for (const instance of instances.splice(0)) await instance.stop();
});

describe("the contents' dictionary on instances of one PostgreSQL database", () => {
  it("is learned once, by the lock's holder or the one that took it over, and written and read by all", async () => {
    const [a, b] = instances as [RunningServer, RunningServer];
    const holder = await eventually(() => {
      const saying = instances.filter((instance) => instance.output().includes(LEARNS));
      expect(saying).toHaveLength(1);
      return saying[0]!;
    }, 20_000);
    const survivor = holder === a ? b : a;
    const endpoint = await createEndpoint(a.baseUrl);

    // Too few to learn from: both write with the one seed dictionary.
    await send(a, endpoint.token, 10);
    await send(b, endpoint.token, 10);
    const { rows: seeds } = await admin.query<{ id: number }>(
      "SELECT id FROM compression_dictionaries",
    );
    expect(seeds).toHaveLength(1);
    const seed = `zstd:${seeds[0]!.id}`;
    expect(new Set((await encodings()).values())).toEqual(new Set([seed]));

    // The holder dies before it learned; a new instance joins; the survivor takes the lock.
    await holder.stop("SIGKILL");
    instances.push(await startServer({ env }));
    const joined = instances.at(-1)!;
    await eventually(() => expect(survivor.output()).toContain(LEARNS), 20_000);
    await send(survivor, endpoint.token, 15);
    await send(joined, endpoint.token, 15);

    // Learned once, by the survivor; the newcomer takes it up from the database.
    const learned = await eventually(() => {
      const match = LEARNED_HERE.exec(survivor.output());
      expect(match).not.toBeNull();
      return Number(match![1]);
    }, 30_000);
    await eventually(
      () => expect(LEARNED_ELSEWHERE.exec(joined.output())?.[1]).toBe(String(learned)),
      30_000,
    );
    expect(joined.output()).not.toMatch(LEARNED_HERE);
    const { rows: all } = await admin.query<{ id: number }>(
      "SELECT id FROM compression_dictionaries ORDER BY id",
    );
    expect(all.map((row) => row.id)).toEqual([seeds[0]!.id, learned]);

    // Both write with it now, and every body reads back exactly through each instance.
    const before = sent.length;
    await send(survivor, endpoint.token, 5);
    await send(joined, endpoint.token, 5);
    const stored = await encodings();
    for (const { id } of sent.slice(before)) expect(stored.get(id)).toBe(`zstd:${learned}`);
    for (const instance of [survivor, joined]) {
      for (const { id, body } of sent) {
        const { status, body: detail } = await api<DeliveryDetail>(
          instance.baseUrl,
          `/api/events/${id}`,
        );
        expect(status).toBe(200);
        if (detail.secret_fields.length === 0) expect(storedBytes(detail).toString()).toBe(body);
      }
    }
  });
});
