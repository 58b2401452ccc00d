import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { KEEPS_TIMELINES } from "../../lib/db/queries/timeline-keeper-job";
import type { TimelineKeeperStatus } from "../../lib/resources/get-timeline-keeper-status";
import type { ResourceTimelineBody } from "../../lib/resources/resource-types";
import { api, createEndpoint, type EndpointBody } from "../support/api";
import { eventually } from "../support/deliveries";
import { at, send, server, uid, visible } from "../support/resource-life";
import { freshDatabase } from "../support/start-postgres";
import { startServer, type RunningServer } from "../support/start-server";

/**
 * Resource timelines in cluster mode (issue 14): two instances on one PostgreSQL database
 * of their own. Exactly one keeps the timelines (job lock "timeline-keeper"); a resource
 * whose deliveries reach both instances has one timeline, read alike through either, with
 * each step compared with the one before it whichever instance received it; when the
 * holder is killed with SIGKILL the other takes the keeper over and keeps what comes next.
 */
const instances: RunningServer[] = [];

beforeAll(async () => {
  const databaseUrl = await freshDatabase(inject("postgresUrl"), "cluster_timelines");
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

const through = (endpoint: EndpointBody, via: RunningServer): EndpointBody => ({
  ...endpoint,
  receiver_url: `${via.baseUrl}/api/hooks/${endpoint.token}`,
});

/** Waits for the background keeper (not a reader) to have kept every step up to `id`. */
const keptThrough = (via: RunningServer, id: number) =>
  eventually(async () => {
    const { body } = await api<TimelineKeeperStatus>(via.baseUrl, "/api/resources/timeline-steps");
    expect(body.kept_through).toBeGreaterThanOrEqual(id);
  }, 15_000);

const timeline = async (via: RunningServer, id: string) => {
  const { status, body } = await api<ResourceTimelineBody>(
    via.baseUrl,
    `/api/resources/server/${id}?limit=1000`,
  );
  expect(status).toBe(200);
  return body;
};

describe("resource timelines on two instances of one PostgreSQL database", () => {
  it("are kept by one instance, read alike through both, and taken over after a SIGKILL", async () => {
    const [a, b] = instances as [RunningServer, RunningServer];
    const holder = await eventually(() => {
      const saying = instances.filter((instance) => instance.output().includes(KEEPS_TIMELINES));
      expect(saying).toHaveLength(1);
      return saying[0]!;
    }, 15_000);
    const survivor = holder === a ? b : a;
    const endpoint = await createEndpoint(a.baseUrl);
    const id = `srv-${uid()}`;
    const resize = (via: RunningServer, minute: number) =>
      send(through(endpoint, via), {
        resource_details: server(id, { vmem_size: 1000 + minute, updated_at: at(minute) }),
      });

    const sent: number[] = [];
    for (let minute = 0; minute < 8; minute++) {
      const answer = await resize(minute % 2 === 0 ? a : b, minute);
      expect(answer.status).toBe(200);
      sent.push(answer.id);
    }
    // Kept in the background, on the holder: seen through the other instance.
    await keptThrough(survivor, sent.at(-1)!);
    const [viaA, viaB] = [await timeline(a, id), await timeline(b, id)];
    expect(viaB).toEqual(viaA);
    expect(viaA.events.map((event) => event.id)).toEqual(sent);
    expect(viaA.events[0]).toMatchObject({ first: true, diff: null });
    for (const [i, event] of viaA.events.entries()) {
      if (i === 0) continue;
      expect(event.compared_to).toBe(sent[i - 1]);
      expect(visible(event.diff)).toEqual([
        { path: ["vmem_size"], op: "changed", before: 999 + i, after: 1000 + i },
      ]);
    }

    await holder.stop("SIGKILL");
    await eventually(() => expect(survivor.output()).toContain(KEEPS_TIMELINES), 15_000);
    const next: number[] = [];
    for (let minute = 8; minute < 12; minute++) next.push((await resize(survivor, minute)).id);
    await keptThrough(survivor, next.at(-1)!);
    const after = await timeline(survivor, id);
    expect(after.events.map((event) => event.id)).toEqual([...sent, ...next]);
    expect(after.events.at(-1)).toMatchObject({ compared_to: next.at(-2) });
    expect(after.state).toMatchObject({ vmem_size: 1011 });
  });
});
