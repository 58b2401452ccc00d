import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { api, apiText, createEndpoint, sendDelivery, type EndpointBody } from "../support/api";
import { eventually } from "../support/deliveries";

type Page = { data: Array<{ id: number }>; next_cursor: string | null };
type ErrorBody = { error: { code: string; message: string; field?: string } };

/**
 * Payload search through the real server: deliveries sent to a receiver, then found by
 * what is inside them, both before the background index reaches them (read from the
 * bodies) and after (from the index).
 */
const tag = randomBytes(3).toString("hex");
const PASSWORD = `Pw-${randomBytes(6).toString("hex")}`;

const servers = [
  {
    id: `srv-a-${tag}`,
    name: `web-a-${tag}`,
    status: "running",
    host: `node-48-${tag}`,
    vcpu_count: 8,
    ips: `10.${tag.length}.115.57`,
    nics: [
      { mac: "00:22:a9:01:06:aa", ip_addr: "10.168.115.57" },
      { mac: "fa:16:3e:11:22:33", ip_addr: "10.168.0.9" },
    ],
    metadata: { owner: `team-a-${tag}`, labels: { tier: "frontend" } },
    description: `测试服务器 ${tag}`,
  },
  {
    id: `srv-b-${tag}`,
    name: `web-b-${tag}`,
    status: "ready",
    host: `node-480-${tag}`,
    vcpu_count: 2,
    nics: [{ mac: "00:23:00:00:00:01", ip_addr: "10.168.115.58" }],
    metadata: { owner: `team-b-${tag}` },
    password: PASSWORD,
  },
  {
    id: `srv-c-${tag}`,
    name: `db-c-${tag}`,
    status: "running",
    host: `node-48-${tag}`,
    vcpu_count: 16,
    nics: [],
    metadata: { owner: `team-a-${tag}` },
  },
];

let baseUrl = "";
let endpoint: EndpointBody;
const ids: number[] = [];

async function search(q: string, extra = ""): Promise<number[]> {
  const page = await api<Page>(
    baseUrl,
    `/api/events?endpoint=${endpoint.id}&q=${encodeURIComponent(q)}${extra}`,
  );
  expect(page.status).toBe(200);
  return page.body.data.map((event) => event.id).sort((a, b) => a - b);
}

const expectations: Array<[string, number[]]> = [
  // free text: nested values, array members, Chinese, case
  ["10.168.115.57", [0]],
  [`NODE-48-${tag}`, [0, 2]],
  ["fa:16:3e:11", []], // a field term: there is no `fa` field
  ['"fa:16:3e:11"', [0]],
  [`测试服务器`, [0]],
  ["测试", [0]],
  // field terms, by key anywhere and by dotted path
  ["status:running", [0, 2]],
  [`host:node-48-${tag}`, [0, 2]],
  ["mac:fa:16:3e:11:22:33", [0]],
  ["nics.mac:00:22:*", [0]],
  ["nics.ip_addr:10.168.115.*", [0, 1]],
  [`metadata.owner:team-a-${tag}`, [0, 2]],
  ["metadata.labels.tier:frontend", [0]],
  ["tier:front*", [0]],
  [`owner:*-b-${tag}`, [1]],
  // numbers, ranges, exclusions, several terms
  ["vcpu_count:8", [0]],
  ["vcpu_count:>4", [0, 2]],
  ["vcpu_count:>=2 vcpu_count:<16", [0, 1]],
  ["status:running -vcpu_count:>10", [0]],
  [`-host:node-48-${tag}`, [1]],
  [`web -"web-b"`, [0]],
  ["description:*", [0]],
  // a redacted secret is never found
  [PASSWORD, []],
  [PASSWORD.slice(3, 9), []],
  [`password:${PASSWORD}`, []],
];

describe("payload search", () => {
  beforeAll(async () => {
    baseUrl = inject("baseUrl");
    endpoint = await createEndpoint(baseUrl);
    for (const details of servers) {
      const delivery = renderDelivery({
        kind: "event",
        event: {
          resource_type: "server",
          action: "update",
          result: "succeed",
          resource_details: details,
        },
      });
      const sent = await sendDelivery(endpoint.receiver_url, delivery);
      expect(sent.status).toBe(200);
      ids.push(sent.body.id as number);
    }
  });

  it("finds deliveries by what is inside them, whether the index has reached them yet or not", async () => {
    const expected = (positions: number[]) => positions.map((i) => ids[i]!);
    for (const [q, positions] of expectations) {
      expect({ q, found: await search(q) }).toEqual({ q, found: expected(positions) });
    }
    await eventually(async () => {
      const status = await api<{ indexed_through: number }>(baseUrl, "/api/search");
      expect(status.body.indexed_through).toBeGreaterThanOrEqual(ids[2]!);
    }, 45_000);
    for (const [q, positions] of expectations) {
      expect({ q, found: await search(q) }).toEqual({ q, found: expected(positions) });
    }
  });

  it("applies q in facets, export and bulk replay counts", async () => {
    const facets = await api<{ total: number }>(
      baseUrl,
      `/api/events/facets?endpoint=${endpoint.id}&q=${encodeURIComponent("status:running")}`,
    );
    expect(facets.body.total).toBe(2);
    const exported = await apiText(
      baseUrl,
      `/api/events/export?format=ndjson&endpoint=${endpoint.id}&q=${encodeURIComponent("vcpu_count:>4")}`,
    );
    expect(
      exported.text
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as { id: number }).id),
    ).toEqual([ids[0], ids[2]]);
    const dryRun = await api<{ total: number }>(baseUrl, "/api/replays/bulk", {
      json: {
        url: "http://127.0.0.1:9/",
        mode: "exact",
        dry_run: true,
        filter: { endpoint: endpoint.id, q: `-host:node-48-${tag}` },
      },
    });
    expect(dryRun.body.total).toBe(1);
    const forwarding = await api<{ deliveries: Array<{ id: number }> }>(
      baseUrl,
      "/api/forwards/dry-run",
      { json: { filter: { endpoint: endpoint.id, q: "status:running" }, limit: 1000 } },
    );
    expect(forwarding.status).toBe(200);
    expect(forwarding.body.deliveries.map((item) => item.id).sort((a, b) => a - b)).toEqual([
      ids[0],
      ids[2],
    ]);
  });

  it("answers a query that cannot be parsed with 400 saying where", async () => {
    const bad = await api<ErrorBody>(
      baseUrl,
      `/api/events?q=${encodeURIComponent('status:"running')}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "bad_request", field: "q" });
    expect(bad.body.error.message).toMatch(/Unclosed quote.*at character 8/);
    const facets = await api<ErrorBody>(baseUrl, "/api/events/facets?q=vcpu_count%3A%3E");
    expect(facets.status).toBe(400);
    expect(facets.body.error.message).toMatch(/Expected a number after >/);
  });

  it("completes field names seen in this installation, and rebuilds on demand", async () => {
    await eventually(async () => {
      const fields = await api<{ data: Array<{ name: string }> }>(
        baseUrl,
        "/api/search/fields?prefix=Metadata.Labels.",
      );
      expect(fields.status).toBe(200);
      expect(fields.body.data.map((field) => field.name)).toContain("metadata.labels.tier");
    }, 45_000);
    const rebuilt = await api<{ indexed_through: number }>(baseUrl, "/api/search/rebuild", {
      method: "POST",
    });
    expect(rebuilt.status).toBe(202);
    expect(await search("status:running")).toEqual([ids[0], ids[2]]);
    await eventually(async () => {
      const status = await api<{ indexed_through: number }>(baseUrl, "/api/search");
      expect(status.body.indexed_through).toBeGreaterThanOrEqual(ids[2]!);
    }, 45_000);
    expect(await search("nics.mac:00:22:*")).toEqual([ids[0]]);
  });
});
