import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Connection } from "../../lib/db/connection";
import { getPrisma } from "../../lib/db/prisma";
import {
  currentDictionary,
  newestDictionary,
  seedDictionary,
  storeLearnedDictionary,
} from "../../lib/db/queries/content-dictionaries";
import { openReceivingStore } from "../../lib/db/queries/receiving";
import { readDelivery, storedBytes } from "../../lib/events/get-delivery";
import { deliveryRecordFixture } from "../../lib/ingest/delivery-record-fixture";
import { createEncoder, type Dictionary } from "../../lib/storage/content-codec";
import { learnContentDictionary } from "../../lib/storage/learn-dictionary";
import { ENGINES, openFreshDatabase } from "../support/both-engines";

/**
 * The contents' dictionaries behind the seam (lib/db/queries/content-dictionaries.ts) and
 * their learner (lib/storage/learn-dictionary.ts) on both engines: the seed stored once,
 * one dictionary learned from the installation's own contents once there are enough, and
 * every content readable whichever dictionary wrote it. On PostgreSQL also what several
 * instances do at once: one seed and one learned dictionary however many store them, and
 * a dictionary stored by another instance read back by this one when a content names it.
 */

/** Contents like a real platform's (headers the seed dictionary never saw). */
const text = (i: number) => ({
  headers: JSON.stringify([
    ["Host", "hooklens.example.internal:8443"],
    ["X-Forwarded-For", `10.20.${i % 7}.${i % 250}`],
    ["X-Yunion-Event", "HOST/PING"],
  ]),
  body: JSON.stringify({
    action: "ping",
    resource_type: "host",
    resource_details: { name: `rack-${i % 40}-node`, zone: "zone-pudong-b", seq: i },
  }),
});

/** `count` deliveries stored through the receiver's store, encoded with `dictionary`. */
async function store(dictionary: Dictionary, from: number, count: number) {
  const encoder = createEncoder(dictionary);
  const { writer } = openReceivingStore(0);
  const written: Array<{ id: number; headers: string; body: string }> = [];
  for (let i = from; i < from + count; i++) {
    const { headers, body } = text(i);
    const stored = await writer.write(
      deliveryRecordFixture({
        bodyHash: `h${i}`,
        encoding: encoder.encoding,
        headers: encoder.encode(Buffer.from(headers)),
        body: encoder.encode(Buffer.from(body)),
      }),
    );
    written.push({ id: stored.id, headers, body });
  }
  return written;
}

async function expectReadable(written: Array<{ id: number; headers: string; body: string }>) {
  for (const { id, headers, body } of written) {
    const detail = await readDelivery({ id });
    expect(storedBytes(detail).toString()).toBe(body);
    expect(JSON.stringify(detail.headers)).toBe(headers);
  }
}

const encodings = async () =>
  (await getPrisma().deliveryContent.findMany({ orderBy: { deliveryId: "asc" } })).map(
    (row) => row.encoding,
  );

describe.each(ENGINES)("the contents' dictionaries on %s", (engine) => {
  let close: () => Promise<void>;
  let connection: Connection;
  beforeEach(async () => {
    ({ close, connection } = await openFreshDatabase(engine, "dictionaries"));
    await getPrisma().endpoint.create({ data: { id: "ep", name: "e", token: "tok" } });
  });
  afterEach(() => close());

  it("stores the seed once, as the dictionary new contents are written with", async () => {
    expect(await newestDictionary()).toBeNull();
    const seed = await currentDictionary();
    expect(seed.data.equals(seedDictionary())).toBe(true);
    expect((await currentDictionary()).id).toBe(seed.id);
    expect((await newestDictionary())?.id).toBe(seed.id);
    expect(await getPrisma().compressionDictionary.count()).toBe(1);
  });

  it("learns nothing before enough deliveries are stored, then once", async () => {
    const seed = await currentDictionary();
    await store(seed, 0, 99);
    expect(await learnContentDictionary({ after: 100 })).toBeNull();
    expect(await learnContentDictionary({ after: 0 })).toBeNull();
    await store(seed, 99, 1);
    const learned = await learnContentDictionary({ after: 100 });
    expect(learned?.id).toBe((await currentDictionary()).id);
    expect(learned!.data.length).toBeGreaterThan(0);
    expect(learned!.data.length).toBeLessThanOrEqual(96 * 1024);
    expect(await learnContentDictionary({ after: 100 })).toBeNull();
    expect(await storeLearnedDictionary(Buffer.from("another"))).toBeNull();
    expect(await getPrisma().compressionDictionary.count()).toBe(2);
  });

  it("compresses the installation's own contents smaller, and every stored content stays readable", async () => {
    const seed = await currentDictionary();
    const before = await store(seed, 0, 300);
    const learned = (await learnContentDictionary({ after: 300 }))!;
    const sample = Buffer.from(before[7]!.headers + before[7]!.body);
    const withSeed = createEncoder(seed).encode(sample).length;
    const withLearned = createEncoder(learned).encode(sample).length;
    expect(withLearned).toBeLessThan(withSeed * 0.8);
    const after = await store(learned, 300, 5);
    expect(new Set(await encodings())).toEqual(new Set([`zstd:${seed.id}`, `zstd:${learned.id}`]));
    await expectReadable([...before, ...after]);
  });

  it.runIf(engine === "postgresql")(
    "stores one seed and one learned dictionary however many instances store them at once",
    async () => {
      if (connection.engine !== "postgresql") throw new Error("PostgreSQL expected");
      const seeds = await Promise.all([
        currentDictionary(),
        currentDictionary(),
        currentDictionary(),
      ]);
      expect(new Set(seeds.map((seed) => seed.id)).size).toBe(1);
      const stored = await Promise.all(
        ["a", "b", "c"].map((data) => storeLearnedDictionary(Buffer.from(data))),
      );
      expect(stored.filter((dictionary) => dictionary !== null)).toHaveLength(1);
      expect(await getPrisma().compressionDictionary.count()).toBe(2);
    },
  );

  it.runIf(engine === "postgresql")(
    "reads a content written with a dictionary another instance stored a moment ago",
    async () => {
      if (connection.engine !== "postgresql") throw new Error("PostgreSQL expected");
      const seed = await currentDictionary();
      await store(seed, 0, 20);
      // Another instance learns and stores, on a connection of its own: this process has
      // never read that dictionary when a content written with it is first read.
      const other = new pg.Client({ connectionString: connection.url });
      await other.connect();
      let learned: Dictionary;
      try {
        const data = Buffer.from(`${text(1).headers}\n${text(1).body}\n`.repeat(20));
        const { rows } = await other.query<{ id: number }>(
          "INSERT INTO compression_dictionaries (data, created_at) VALUES ($1, now()) RETURNING id",
          [data],
        );
        learned = { id: rows[0]!.id, data };
      } finally {
        await other.end();
      }
      const written = await store(learned, 20, 3);
      expect((await encodings()).at(-1)).toBe(`zstd:${learned.id}`);
      await expectReadable(written);
    },
  );
});
