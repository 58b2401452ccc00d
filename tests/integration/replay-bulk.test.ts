import { describe, expect, inject, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { followBulkToEnd, replaySinkPerFile, type BulkBody } from "../support/replays";

type Bulk = BulkBody;
type Result = {
  id: number;
  event_id: number;
  status: number | null;
  error_code: string | null;
  ok: boolean;
  bulk_id: number;
};

const baseUrl = () => inject("baseUrl");
const sink = replaySinkPerFile();

/** Sends deliveries of the given resource types to a fresh endpoint; returns ids and bodies. */
async function seed(types: string[]) {
  const endpoint = await createEndpoint(baseUrl());
  const sent: Array<{ id: number; type: string; body: string }> = [];
  for (const [i, type] of types.entries()) {
    const rendered = renderDelivery({
      kind: "event",
      event: {
        resource_type: type,
        action: "create",
        resource_details: { id: `${type}-${i}`, name: `n-${i}` },
      },
    });
    const answer = await sendDelivery(endpoint.receiver_url, rendered);
    sent.push({ id: answer.body.id as number, type, body: rendered.body });
  }
  return { endpoint, sent };
}

const followToEnd = (id: number) => followBulkToEnd(baseUrl(), id);

const start = (json: Record<string, unknown>) =>
  api<Bulk & { dry_run?: boolean }>(baseUrl(), "/api/replays/bulk", { json });

describe("bulk replay order", () => {
  it("sends one resource's deliveries one at a time in the order received, resources side by side", async () => {
    const endpoint = await createEndpoint(baseUrl());
    // Each resource's updates arrive in a run, so that four sends in flight would take
    // several of one resource at once if anything let them.
    const received: Array<{ id: number; resource: string; step: number }> = [];
    for (const resource of ["vm-a", "vm-b", "vm-c"]) {
      for (let step = 0; step < 8; step++) {
        const rendered = renderDelivery({
          kind: "event",
          event: {
            resource_type: "server",
            action: "update",
            resource_details: { id: resource, name: resource, step },
          },
        });
        const answer = await sendDelivery(endpoint.receiver_url, rendered);
        received.push({ id: answer.body.id as number, resource, step });
      }
    }
    const before = sink.requests.length;
    const bulk = await start({
      url: sink.url("/random?max=40"),
      mode: "exact",
      filter: { endpoint: endpoint.id },
      dry_run: false,
      concurrency: 4,
    });
    expect(bulk.status).toBe(202);
    await followToEnd(bulk.body.id);
    const requests = sink.requests.slice(before);
    expect(requests).toHaveLength(24);
    const sent = requests.map((request) => {
      const details = (
        JSON.parse(request.body.toString()) as {
          resource_details: { id: string; step: number };
        }
      ).resource_details;
      return { resource: details.id, step: details.step, request };
    });
    for (const resource of ["vm-a", "vm-b", "vm-c"]) {
      const mine = sent.filter((s) => s.resource === resource);
      expect(
        mine.map((s) => s.step),
        resource,
      ).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      // Each was sent only once the one before it had its answer.
      for (let i = 1; i < mine.length; i++)
        expect(mine[i]!.request.receivedAt).toBeGreaterThan(mine[i - 1]!.request.answeredAt!);
    }
    // Different resources did run side by side.
    const overlapping = sent.some((a) =>
      sent.some(
        (b) =>
          a.resource !== b.resource &&
          b.request.receivedAt > a.request.receivedAt &&
          b.request.receivedAt < a.request.answeredAt!,
      ),
    );
    expect(overlapping).toBe(true);
  });
});

describe("bulk replay", () => {
  it("counts first, then replays every match oldest first and reports each result live", async () => {
    const { endpoint, sent } = await seed(["server", "disk", "server", "server", "disk"]);
    const servers = sent.filter((item) => item.type === "server");
    const filter = { endpoint: endpoint.id, resource_type: "server" };
    const before = sink.requests.length;

    const dry = await start({ url: sink.url("/ok"), mode: "exact", filter, dry_run: true });
    expect(dry.body).toEqual({ dry_run: true, total: 3 });
    // Counting needs no target: the form shows the count before a URL is typed.
    const counted = await start({ filter, dry_run: true });
    expect(counted.body).toEqual({ dry_run: true, total: 3 });
    expect(sink.requests.length).toBe(before);

    const started = await start({ url: sink.url("/ok"), mode: "exact", filter, concurrency: 1 });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ total: 3, filter });

    const messages = await followToEnd(started.body.id);
    const streamed = messages
      .filter((m) => m.event === "result")
      .map((m) => JSON.parse(m.data) as Result);
    expect(streamed.map((r) => r.event_id)).toEqual(servers.map((s) => s.id));
    const last = JSON.parse(messages.at(-1)?.data ?? "{}") as Bulk;
    expect(last).toMatchObject({ state: "done", sent: 3, succeeded: 3, failed: 0 });

    // Oldest first, the stored bytes each time.
    expect(sink.requests.slice(before).map((r) => r.body.toString())).toEqual(
      servers.map((s) => s.body),
    );
    const results = await api<{ data: Result[] }>(
      baseUrl(),
      `/api/replays?bulk_id=${started.body.id}&order=asc`,
    );
    expect(results.body.data.map((r) => [r.event_id, r.status, r.ok])).toEqual(
      servers.map((s) => [s.id, 200, true]),
    );
    const bulk = await api<Bulk>(baseUrl(), `/api/replays/bulk/${started.body.id}`);
    expect(bulk.body).toMatchObject({ state: "done", total: 3, sent: 3, succeeded: 3, failed: 0 });
    const list = await api<{ data: Bulk[] }>(baseUrl(), "/api/replays/bulk");
    expect(list.body.data[0]?.id).toBe(started.body.id);
  });

  it("counts a failing target's answers as failures, delivery by delivery", async () => {
    const { endpoint, sent } = await seed(["host", "host"]);
    const started = await start({
      url: sink.url("/fail"),
      filter: { endpoint: endpoint.id },
      concurrency: 2,
    });
    const messages = await followToEnd(started.body.id);
    expect(JSON.parse(messages.at(-1)?.data ?? "{}")).toMatchObject({
      state: "done",
      sent: 2,
      succeeded: 0,
      failed: 2,
    });
    const results = await api<{ data: Result[] }>(
      baseUrl(),
      `/api/replays?bulk_id=${started.body.id}&order=asc`,
    );
    expect(results.body.data.map((r) => r.event_id).sort()).toEqual(sent.map((s) => s.id).sort());
    expect(results.body.data.every((r) => r.status === 500 && !r.ok)).toBe(true);
  });

  it("cancels a running bulk replay: nothing more is sent", async () => {
    const { endpoint } = await seed(["eip", "eip", "eip"]);
    const before = sink.requests.length;
    const started = await start({
      url: sink.url("/slow"),
      filter: { endpoint: endpoint.id },
      concurrency: 1,
      timeout_ms: 60_000,
    });
    await sink.waitFor(before + 1);
    const cancelled = await api<Bulk>(baseUrl(), `/api/replays/bulk/${started.body.id}/cancel`, {
      json: {},
    });
    expect(cancelled.body).toMatchObject({ state: "cancelled", sent: 1, failed: 1 });
    const results = await api<{ data: Result[] }>(
      baseUrl(),
      `/api/replays?bulk_id=${started.body.id}`,
    );
    expect(results.body.data.map((r) => r.error_code)).toEqual(["cancelled"]);
    const messages = await followToEnd(started.body.id);
    expect(messages.filter((m) => m.event === "result")).toHaveLength(1);
    expect(sink.requests.length - before).toBe(1);
  });

  it("counts and sends the deliveries payload search finds", async () => {
    const { endpoint, sent } = await seed(["server", "disk", "server"]);
    const filter = { endpoint: endpoint.id, q: "id:server-*" };
    const dry = await start({ url: sink.url("/ok"), filter, dry_run: true });
    expect(dry.body).toEqual({ dry_run: true, total: 2 });
    const before = sink.requests.length;
    const started = await start({ url: sink.url("/ok"), mode: "exact", filter });
    expect(started.status).toBe(202);
    const messages = await followToEnd(started.body.id);
    const results = messages.filter((m) => m.event === "result");
    expect(results).toHaveLength(2);
    expect(sink.requests.length - before).toBe(2);
    expect(sent.filter((delivery) => delivery.type === "server")).toHaveLength(2);
  });

  it("refuses an unknown filter name, a refused target and edited mode", async () => {
    const typo = await start({
      url: sink.url("/ok"),
      filter: { resource: "server" },
      dry_run: true,
    });
    expect(typo.status).toBe(422);
    expect(typo.body).toMatchObject({ error: { field: "filter.resource" } });
    const badValue = await start({ url: sink.url("/ok"), filter: { since: "yesterday" } });
    expect(badValue.body).toMatchObject({ error: { field: "filter.since" } });
    const metadata = await start({ url: "http://169.254.169.254/", filter: {} });
    expect(metadata.status).toBe(422);
    expect(metadata.body).toMatchObject({ error: { field: "url" } });
    const edited = await start({ url: sink.url("/ok"), mode: "edited", filter: {} });
    expect(edited.status).toBe(422);
    // Only a dry run may leave out the target.
    const noTarget = await start({ filter: {} });
    expect(noTarget.status).toBe(422);
    expect(noTarget.body).toMatchObject({ error: { field: "url" } });
  });
});
