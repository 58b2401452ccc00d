import { describe, expect, inject, it } from "vitest";
import type { ResourceChangeItem } from "../../lib/changes/change-types";
import type { CursorPage } from "../../lib/http/cursor-page";
import type { TimelineKeeperStatus } from "../../lib/resources/get-timeline-keeper-status";
import type {
  ResourceCompareBody,
  ResourceStateBody,
  ResourceTimelineBody,
} from "../../lib/resources/resource-types";
import { api, createEndpoint } from "../support/api";
import { eventually } from "../support/deliveries";
import { at, send, server, uid, visible } from "../support/resource-life";

/** Waits for the background keeper (not a reader) to have kept every step up to `id`. */
async function keptThrough(baseUrl: string, id: number) {
  await eventually(async () => {
    const { body } = await api<TimelineKeeperStatus>(baseUrl, "/api/resources/timeline-steps");
    expect(body.kept_through).toBeGreaterThanOrEqual(id);
  });
}

describe("kept timeline steps", () => {
  it("give a delivery that arrives out of order the diff against its real predecessor", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const id = `srv-${uid()}`;
    const size = (vmem_size: number, minute: number) =>
      send(endpoint, { resource_details: server(id, { vmem_size, updated_at: at(minute) }) });
    const first = await size(1, 0);
    const third = await size(3, 2);
    await keptThrough(baseUrl, third.id);
    // Taken at minute 1, arriving after minute 2's snapshot was kept.
    const late = await size(2, 1);
    const fourth = await size(4, 3);
    await keptThrough(baseUrl, fourth.id);

    const { body } = await api<ResourceTimelineBody>(baseUrl, `/api/resources/server/${id}`);
    const byId = new Map(body.events.map((event) => [event.id, event]));
    const vmem = (before: number, after: number) => [
      { path: ["vmem_size"], op: "changed", before, after },
    ];
    expect(byId.get(late.id)).toMatchObject({ out_of_order: true, compared_to: first.id });
    expect(visible(byId.get(late.id)!.diff)).toEqual(vmem(1, 2));
    expect(byId.get(third.id)).toMatchObject({ out_of_order: false, compared_to: first.id });
    expect(visible(byId.get(third.id)!.diff)).toEqual(vmem(1, 3));
    // The late snapshot never became the state: the next one is compared with minute 2's.
    expect(byId.get(fourth.id)).toMatchObject({ compared_to: third.id });
    expect(visible(byId.get(fourth.id)!.diff)).toEqual(vmem(3, 4));
    expect(body.state).toMatchObject({ vmem_size: 4 });

    const state = await api<ResourceStateBody>(
      baseUrl,
      `/api/resources/server/${id}/state?at=${late.id}`,
    );
    expect(state.body.state).toMatchObject({ vmem_size: 2 });
    const compare = await api<ResourceCompareBody>(
      baseUrl,
      `/api/resources/server/${id}/compare?from=${late.id}&to=${fourth.id}`,
    );
    expect(visible(compare.body.diff.map((e) => ({ ...e })))).toEqual(vmem(2, 4));

    const changes = await api<CursorPage<ResourceChangeItem>>(
      baseUrl,
      `/api/changes?resource_type=server&resource_id=${id}&field=vmem_size`,
    );
    expect(changes.body.data.map((c) => [c.delivery_id, c.before, c.after])).toEqual([
      [fourth.id, 3, 4],
      [late.id, 1, 2],
      [third.id, 1, 3],
    ]);
  });

  it("answers a delivery the background keeper has not reached yet", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const id = `srv-${uid()}`;
    await send(endpoint, { resource_details: server(id) });
    const next = await send(endpoint, {
      resource_details: server(id, { status: "running", updated_at: at(1) }),
    });
    // Asked at once: a reader keeps what the keeper has not.
    const { body } = await api<ResourceTimelineBody>(baseUrl, `/api/resources/server/${id}`);
    expect(body.events.at(-1)!.id).toBe(next.id);
    expect(visible(body.events.at(-1)!.diff)).toEqual([
      { path: ["status"], op: "changed", before: "ready", after: "running" },
    ]);
  });
});
