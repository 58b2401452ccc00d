import { afterAll, beforeAll, expect, it } from "vitest";
import { storedBytes } from "../../lib/events/get-delivery";
import type { DeliveryDetail } from "../../lib/events/delivery-types";
import { generateDeliveries } from "../../lib/simulator/generate-deliveries";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { eventually } from "../support/deliveries";
import { startOnEngine } from "../support/engine-database";
import { storedRows } from "../support/stored-text";

/** On either engine; tests/integration-postgres/cluster-dictionary.test.ts runs two instances. */
let server: Awaited<ReturnType<typeof startOnEngine>>;
beforeAll(async () => {
  server = await startOnEngine({ env: { HOOKLENS_DICTIONARY_LEARN_AFTER: "30" } });
});
afterAll(() => server.stop());

const encodings = () =>
  storedRows<{ id: number; encoding: string }>(
    server.location,
    "SELECT delivery_id AS id, encoding FROM delivery_contents ORDER BY delivery_id",
  );

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
  const seedEncoding = (await encodings())[0]!.encoding;
  expect(seedEncoding).toMatch(/^zstd:\d+$/);
  await eventually(async () => {
    const [count] = await storedRows<{ n: number }>(
      server.location,
      "SELECT count(*) AS n FROM compression_dictionaries",
    );
    expect(count?.n).toBe(2);
  }, 20_000);
  await eventually(() => expect(server.output()).toMatch(/Learned the contents' dictionary \d+/));
  for (const delivery of deliveries.slice(35)) await send(delivery);

  const stored = await encodings();
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
