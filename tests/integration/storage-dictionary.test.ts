import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { storedBytes } from "../../lib/events/get-delivery";
import type { DeliveryDetail } from "../../lib/events/delivery-types";
import { generateDeliveries } from "../../lib/simulator/generate-deliveries";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { eventually } from "../support/deliveries";
import { startServer, type RunningServer } from "../support/start-server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ env: { HOOKLENS_DICTIONARY_LEARN_AFTER: "30" } });
});
afterAll(() => server.stop());

const encodings = () => {
  const db = new Database(server.databaseFile, { readonly: true });
  try {
    return db
      .prepare("SELECT delivery_id AS id, encoding FROM delivery_contents ORDER BY delivery_id")
      .all() as Array<{ id: number; encoding: string }>;
  } finally {
    db.close();
  }
};

it("learns the contents' dictionary from its own deliveries and keeps every body byte-exact across it", async () => {
  const endpoint = await createEndpoint(server.baseUrl);
  const deliveries = [...generateDeliveries({ seed: 71, count: 50 })];
  const sent: Array<{ id: number; body: string }> = [];
  const send = async (delivery: (typeof deliveries)[number]) => {
    const answer = await sendDelivery(endpoint.receiver_url, delivery);
    expect(answer.status).toBe(200);
    sent.push({ id: answer.body.id as number, body: delivery.body });
  };
  for (const delivery of deliveries.slice(0, 35)) await send(delivery);
  // Written with the seed dictionary until the learner has run.
  const seedEncoding = encodings()[0]!.encoding;
  await eventually(() => {
    const db = new Database(server.databaseFile, { readonly: true });
    const count = db.prepare("SELECT count(*) FROM compression_dictionaries").pluck().get();
    db.close();
    expect(count).toBe(2);
  }, 20_000);
  for (const delivery of deliveries.slice(35)) await send(delivery);

  const stored = encodings();
  const learnedEncoding = stored.at(-1)!.encoding;
  expect(learnedEncoding).toMatch(/^zstd:\d+$/);
  expect(learnedEncoding).not.toBe(seedEncoding);
  expect(stored.slice(0, 30).every((row) => row.encoding === seedEncoding)).toBe(true);
  for (const { id, body } of sent) {
    const { body: detail } = await api<DeliveryDetail>(server.baseUrl, `/api/events/${id}`);
    // Bodies with secrets are stored redacted (their own tests); the rest exactly as sent.
    if (detail.secret_fields.length === 0) expect(storedBytes(detail).toString()).toBe(body);
  }
});
