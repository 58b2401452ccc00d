import { describe, expect, inject, it } from "vitest";
import { renderDelivery, type RenderedDelivery } from "../../lib/cloudpods/render-delivery";
import { signBody } from "../../lib/cloudpods/verify-signature";
import { resourceEvent } from "../support/deliveries";
import { api, createEndpoint, sendDelivery, type EndpointBody } from "../support/api";

type Stats = {
  since: string;
  until: string;
  bucket: string;
  group_by: string;
  buckets: Array<{ t: string; counts: Record<string, number> }>;
  totals: Record<string, number>;
};
type Summary = { id: number; received_at: string } & Record<string, string | number | null>;

const SECRET = "stats-secret";
const event = (resourceType: string, action: string, result = "succeed", secretKey = SECRET) =>
  resourceEvent({
    resourceType,
    action,
    result,
    id: `${resourceType}-1`,
    details: { name: "名前" },
    secretKey,
  });
const signed = (body: string): RenderedDelivery => ({
  headers: [
    ["Content-Type", "application/json"],
    ["X-Auth-Token", signBody(SECRET, body)],
  ],
  body,
});

/** A known mix: 10 deliveries across actions, types, results, kinds and signatures. */
const MIX: RenderedDelivery[] = [
  event("server", "create"),
  event("server", "create"),
  event("server", "create", "failed"),
  event("server", "update"),
  event("server", "update"),
  event("disk", "create", "failed"),
  event("server", "delete", "succeed", "wrong-secret"),
  renderDelivery({ kind: "text", text: "cpu alert on host-1" }, { secretKey: SECRET }),
  renderDelivery(
    { kind: "text", text: "This is a verification message, please ignore." },
    { secretKey: SECRET },
  ),
  signed("not json at all"),
];

const EXPECTED: Record<string, Record<string, number>> = {
  action: { create: 4, update: 2, delete: 1, "(none)": 3 },
  resource_type: { server: 6, disk: 1, "(none)": 3 },
  result: { succeed: 5, failed: 2, "(none)": 3 },
  kind: { event: 7, text: 1, verification: 1, unparsed: 1 },
  signature: { valid: 9, invalid: 1 },
};

async function sendMix(endpoint: EndpointBody) {
  for (const delivery of MIX) await sendDelivery(endpoint.receiver_url, delivery);
  const list = await api<{ data: Summary[] }>(
    inject("baseUrl"),
    `/api/events?endpoint=${endpoint.id}&limit=100`,
  );
  expect(list.body.data).toHaveLength(MIX.length);
  return list.body.data;
}

const stats = async (query: string) => {
  const answer = await api<Stats>(inject("baseUrl"), `/api/stats?${query}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
};

/** What the buckets must hold, computed from the feed's own received_at values. */
function expectedBuckets(events: Summary[], groupBy: string, bucketMs: number) {
  const buckets: Record<string, Record<string, number>> = {};
  for (const item of events) {
    const at = Date.parse(item.received_at);
    const t = new Date(at - (at % bucketMs)).toISOString();
    const value = groupBy === "endpoint" ? item.endpoint_id : item[groupBy];
    const key = value === null ? "(none)" : String(value);
    buckets[t] ??= {};
    buckets[t][key] = (buckets[t][key] ?? 0) + 1;
  }
  return buckets;
}

const nonEmpty = (answer: Stats) =>
  Object.fromEntries(
    answer.buckets.filter((b) => Object.keys(b.counts).length).map((b) => [b.t, b.counts]),
  );

describe("GET /api/stats", () => {
  it("counts what was sent, in totals and in buckets, for every grouping", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl, { secret_key: SECRET });
    const started = Date.now() - 1_000;
    const events = await sendMix(endpoint);
    const range = `endpoint=${endpoint.id}&since=${new Date(started).toISOString()}&until=${new Date(Date.now() + 1_000).toISOString()}`;

    for (const [groupBy, totals] of Object.entries({
      ...EXPECTED,
      endpoint: { [endpoint.id]: MIX.length },
    })) {
      for (const [bucket, bucketMs] of [
        ["minute", 60_000],
        ["hour", 3_600_000],
        ["day", 86_400_000],
      ] as const) {
        const answer = await stats(`${range}&group_by=${groupBy}&bucket=${bucket}`);
        expect(answer.totals, `${groupBy} by ${bucket}`).toEqual(totals);
        expect(nonEmpty(answer), `${groupBy} by ${bucket}`).toEqual(
          expectedBuckets(events, groupBy, bucketMs),
        );
        expect(Date.parse(answer.buckets[0]!.t)).toBeLessThanOrEqual(started);
        expect(answer.buckets.every((b) => Date.parse(b.t) % bucketMs === 0)).toBe(true);
      }
    }
  });

  it("counts exactly between since and until, to the millisecond", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl, { secret_key: SECRET });
    const events = (await sendMix(endpoint)).reverse();
    // since is inclusive and until exclusive, like the feed's filter.
    const inside = events.filter(
      (e) => e.received_at >= events[2]!.received_at && e.received_at < events[7]!.received_at,
    );
    expect(inside.length).toBeGreaterThan(0);
    const answer = await stats(
      `endpoint=${endpoint.id}&since=${events[2]!.received_at}&until=${events[7]!.received_at}&group_by=kind&bucket=minute`,
    );
    expect(nonEmpty(answer)).toEqual(expectedBuckets(inside, "kind", 60_000));

    const feed = await api<{ data: Summary[] }>(
      baseUrl,
      `/api/events?endpoint=${endpoint.id}&since=${answer.since}&until=${answer.until}&kind=event`,
    );
    expect(answer.totals.event ?? 0).toBe(feed.body.data.length);
  });

  it("counts failures: failed results, invalid signatures and unparsed bodies", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl, { secret_key: SECRET });
    await sendMix(endpoint);
    const answer = await api<{
      totals: Record<string, number>;
      buckets: Array<Record<string, number | string>>;
    }>(
      baseUrl,
      `/api/stats/failures?endpoint=${endpoint.id}&since=${new Date(Date.now() - 60_000).toISOString()}&bucket=minute`,
    );
    expect(answer.body.totals).toEqual({
      total: 10,
      failed: 2,
      invalid_signature: 1,
      unparsed: 1,
      failures: 4,
    });
    const summed = answer.body.buckets.reduce((sum, bucket) => sum + Number(bucket.failures), 0);
    expect(summed).toBe(4);
  });

  it("answers bad input in the API's error shape", async () => {
    const baseUrl = inject("baseUrl");
    const cases: Array<[string, string]> = [
      ["since=yesterday", "since"],
      ["since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z", "since"],
      ["since=2020-01-01T00:00:00Z&until=2026-01-01T00:00:00Z&bucket=minute", "bucket"],
      ["group_by=colour", "group_by"],
      ["bucket=week", "bucket"],
    ];
    for (const [query, field] of cases) {
      const answer = await api(baseUrl, `/api/stats?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body, query).toMatchObject({ error: { code: "bad_request", field } });
    }
  });
});
