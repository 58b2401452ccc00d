import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getPrisma } from "../../lib/db/prisma";
import { ensureDefaultEndpoint } from "../../lib/db/queries/default-endpoint";
import {
  deliveryCount,
  latestReceivedAt,
  newestId,
  recentDeliveries,
  refusedCandidates,
  windowCounts,
} from "../../lib/db/queries/endpoint-traffic";
import { readSetting, writeSetting } from "../../lib/db/queries/settings";
import { ENGINES, openFreshDatabase } from "../support/both-engines";

/**
 * The data layer's queries (lib/db/queries) and Prisma through lib/db/prisma.ts, run on
 * both engines against the same expectations: each dialect's text must answer the same
 * rows (times as Unix ms, counts as numbers), whichever engine DATABASE_URL names.
 */
const HOUR = 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 2, 12, 0, 0, 123);

describe.each(ENGINES)("the data layer on %s", (engine) => {
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ close } = await openFreshDatabase(engine, "queries"));
  });
  afterEach(() => close());

  it("reads, overwrites and deletes a setting", async () => {
    expect(await readSetting("public_base_url")).toBeNull();
    await writeSetting("public_base_url", "https://one.example", NOW);
    await writeSetting("public_base_url", "https://two.example", NOW + 1);
    expect(await readSetting("public_base_url")).toBe("https://two.example");
    const row = await getPrisma().setting.findUnique({ where: { key: "public_base_url" } });
    expect(row?.updatedAt.getTime()).toBe(NOW + 1);
    await writeSetting("public_base_url", null);
    expect(await readSetting("public_base_url")).toBeNull();
  });

  it("creates the default endpoint once, however many starts ask at once", async () => {
    const starts = await Promise.all([1, 2, 3, 4].map(() => ensureDefaultEndpoint()));
    expect(starts.filter((start) => start.created)).toHaveLength(1);
    expect(new Set(starts.map((start) => start.token)).size).toBe(1);
    const endpoints = await getPrisma().endpoint.findMany();
    expect(endpoints.map((endpoint) => [endpoint.name, endpoint.token])).toEqual([
      ["default", starts[0]!.token],
    ]);
    expect(await ensureDefaultEndpoint()).toEqual({ token: starts[0]!.token, created: false });
  });

  it("answers an endpoint's traffic in the same rows on both engines", async () => {
    const prisma = getPrisma();
    await prisma.endpoint.create({ data: { id: "ep_a", name: "a", token: "token-a" } });
    await prisma.endpoint.create({ data: { id: "ep_b", name: "b", token: "token-b" } });
    const delivery = (at: number, fields: Record<string, string | null>, endpointId = "ep_a") =>
      prisma.delivery.create({
        data: {
          endpointId,
          receivedAt: new Date(at),
          kind: "event",
          signature: "valid",
          size: 10,
          bodyHash: "h",
          ...fields,
        },
      });
    const old = await delivery(NOW - 30 * HOUR, { kind: "verification" });
    const event = await delivery(NOW - 2 * HOUR, { eventType: "SERVER/CREATE", release: "r" });
    const bad = await delivery(NOW - HOUR, { signature: "invalid", signatureReason: "no_token" });
    const notJson = await delivery(NOW - 1000, { kind: "unparsed", parseError: "unexpected <" });
    const text = await delivery(NOW, { kind: "text", eventType: "SERVER/DELETE" });
    await delivery(NOW, { kind: "event" }, "ep_b");

    expect(await windowCounts.get(NOW - 24 * HOUR, "ep_a")).toEqual({
      n: 4,
      bad: 1,
      rejected: 2,
    });
    const recent = await recentDeliveries.all("ep_a", 2);
    expect(recent.map((row) => row.id)).toEqual([text.id, notJson.id]);
    expect(recent[1]).toEqual({
      id: notJson.id,
      release: null,
      warnings: null,
      signature_reason: null,
      answered_error: null,
      parse_error: "unexpected <",
    });
    expect(await refusedCandidates.all(NOW - 7 * 24 * HOUR, "ep_a", 10)).toEqual([
      {
        id: notJson.id,
        received_at: NOW - 1000,
        kind: "unparsed",
        event_type: null,
        signature: "valid",
        parse_error: "unexpected <",
      },
      {
        id: bad.id,
        received_at: NOW - HOUR,
        kind: "event",
        event_type: null,
        signature: "invalid",
        parse_error: null,
      },
    ]);
    expect(await latestReceivedAt("ep_a", "verification")).toBe(old.receivedAt.getTime());
    expect(await latestReceivedAt("ep_a", "event")).toBe(NOW - HOUR);
    expect(await latestReceivedAt("ep_a", "text", { withEvent: true })).toBe(NOW);
    expect(await latestReceivedAt("ep_b", "verification")).toBeNull();
    expect(await deliveryCount.get("ep_a")).toEqual({ n: 5 });
    expect((await newestId.get())?.id).toBeGreaterThan(text.id);
    expect(event.id).toBeLessThan(bad.id);
  });
});
