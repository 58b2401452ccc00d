import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { INDEXES } from "../../lib/search/start-search-index-job";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { eventually } from "../support/deliveries";
import { freshDatabase } from "../support/start-postgres";
import { startServer, type RunningServer } from "../support/start-server";

/**
 * Payload search in cluster mode (issue 14): two instances on one PostgreSQL database of
 * their own. Exactly one keeps the index (job lock "search-index"); what either receives is
 * found by `q` through the other at once and from the index within seconds; when the
 * holder is killed with SIGKILL the other takes the index over and indexes what comes next.
 */
const instances: RunningServer[] = [];

beforeAll(async () => {
  const databaseUrl = await freshDatabase(inject("postgresUrl"), "cluster_search");
  const env = {
    DATABASE_URL: databaseUrl,
    HOOKLENS_POSTGRES_UNFINISHED: "1",
    HOOKLENS_RATE_LIMIT: "0",
  };
  instances.push(await startServer({ env }));
  instances.push(await startServer({ env }));
}, 240_000);

afterAll(async () => {
  for (const instance of instances.splice(0)) await instance.stop();
});

type Page = { data: Array<{ id: number }> };
type Status = { indexed_through: number; newest_delivery_id: number };

const delivery = (marker: string, i: number) =>
  renderDelivery({
    kind: "event",
    event: {
      resource_type: "server",
      action: "update",
      result: "succeed",
      resource_details: { id: `${marker}-${i}`, status: "running", metadata: { owner: marker } },
    },
  });

describe("payload search on two instances of one PostgreSQL database", () => {
  it("indexes on one instance, finds through both, and is taken over after a SIGKILL", async () => {
    const [a, b] = instances as [RunningServer, RunningServer];
    const holder = await eventually(() => {
      const saying = instances.filter((instance) => instance.output().includes(INDEXES));
      expect(saying).toHaveLength(1);
      return saying[0]!;
    }, 15_000);
    const survivor = holder === a ? b : a;
    const endpoint = await createEndpoint(a.baseUrl);
    const send = async (via: RunningServer[], marker: string, count: number) => {
      const ids: number[] = [];
      for (let i = 0; i < count; i++) {
        const target = via[i % via.length]!;
        const sent = await sendDelivery(
          `${target.baseUrl}/api/hooks/${endpoint.token}`,
          delivery(marker, i),
        );
        expect(sent.status).toBe(200);
        ids.push(sent.body.id as number);
      }
      return ids.sort((x, y) => x - y);
    };
    const found = async (via: RunningServer, q: string) => {
      const page = await api<Page>(
        via.baseUrl,
        `/api/events?endpoint=${endpoint.id}&limit=500&q=${encodeURIComponent(q)}`,
      );
      expect(page.status).toBe(200);
      return page.body.data.map((row) => row.id).sort((x, y) => x - y);
    };
    const indexedThrough = async (via: RunningServer, id: number) =>
      eventually(async () => {
        const status = await api<Status>(via.baseUrl, "/api/search");
        expect(status.body.indexed_through).toBeGreaterThanOrEqual(id);
      }, 10_000);

    const first = await send([a, b], "before", 30);
    for (const via of [a, b]) expect(await found(via, "owner:before")).toEqual(first);
    await indexedThrough(survivor, first.at(-1)!);
    for (const via of [a, b]) {
      expect(await found(via, "metadata.owner:before")).toEqual(first);
      expect(await found(via, "status:running -owner:before")).toEqual([]);
    }

    await holder.stop("SIGKILL");
    await eventually(() => expect(survivor.output()).toContain(INDEXES), 15_000);
    const next = await send([survivor], "after", 20);
    expect(await found(survivor, "owner:after")).toEqual(next);
    await indexedThrough(survivor, next.at(-1)!);
    expect(await found(survivor, "metadata.owner:after")).toEqual(next);
    expect(await found(survivor, "status:running")).toEqual([...first, ...next]);
  });
});
