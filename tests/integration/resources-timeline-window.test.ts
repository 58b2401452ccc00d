import { describe, expect, inject, it } from "vitest";
import type { ResourceTimelineBody } from "../../lib/resources/resource-types";
import { api, createEndpoint, sendDelivery, type EndpointBody } from "../support/api";
import { at, send, server, uid } from "../support/resource-life";

/** A server resized once a minute, with a re-send and a late snapshot among the updates. */
async function longLife(endpoint: EndpointBody, id: string, updates: number) {
  const create = await send(endpoint, { action: "create", resource_details: server(id) });
  for (let minute = 1; minute <= updates; minute++) {
    await send(endpoint, {
      resource_details: server(id, { vmem_size: 1024 + minute, updated_at: at(minute) }),
    });
    if (minute === 4) await sendDelivery(endpoint.receiver_url, create.delivery);
  }
  // Taken between minutes 1 and 2, arriving last.
  await send(endpoint, {
    resource_details: server(id, { name: "late", updated_at: at(1).replace(":00.", ":30.") }),
  });
  return create;
}

const timeline = (baseUrl: string, id: string, query = "") =>
  api<ResourceTimelineBody>(baseUrl, `/api/resources/server/${encodeURIComponent(id)}${query}`);

/** Every window from the newest back to the first step, oldest step first. */
async function pageBack(baseUrl: string, id: string, query: string) {
  const windows: ResourceTimelineBody[] = [];
  let before: number | null = null;
  do {
    const { status, body } = await timeline(
      baseUrl,
      id,
      `?${query}${before === null ? "" : `&before=${before}`}`,
    );
    expect(status).toBe(200);
    windows.unshift(body);
    before = body.next_before;
  } while (before !== null && windows.length < 50);
  return windows;
}

describe("timeline windows", () => {
  it("pages back to the first step with the same steps and diffs as one full read", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const id = `srv-${uid()}`;
    const create = await longLife(endpoint, id, 20);

    const full = await timeline(baseUrl, id, "?limit=1000");
    expect(full.body.events).toHaveLength(23);
    expect(full.body.next_before).toBeNull();
    expect(full.body.events.filter((e) => e.duplicate)).toHaveLength(1);
    expect(full.body.events.at(-1)).toMatchObject({ out_of_order: true });

    const windows = await pageBack(baseUrl, id, "limit=5");
    expect(windows.map((w) => w.events.length)).toEqual([3, 5, 5, 5, 5]);
    expect(windows[0]!.events[0]).toMatchObject({ id: create.id, first: true, diff: null });
    expect(windows.flatMap((w) => w.events)).toEqual(full.body.events);
    for (const window of windows) {
      expect(window.state).toEqual(full.body.state);
      expect(window.total_events).toBe(23);
    }
  });

  it("answers the newest 200 steps by default and says where older ones start", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const id = `srv-${uid()}`;
    await longLife(endpoint, id, 3);
    const { body } = await timeline(baseUrl, id, "?limit=2");
    expect(body.events.map((e) => e.action)).toEqual(["update", "update"]);
    expect(body.next_before).toBe(body.events[0]!.id);
    const all = await timeline(baseUrl, id);
    expect(all.body.events).toHaveLength(5);
    expect(all.body.next_before).toBeNull();
    // Filtered to the one endpoint that sent it: the same window.
    const own = await timeline(baseUrl, id, `?limit=2&endpoint=${endpoint.id}`);
    expect(own.body.events).toEqual(body.events);
    const other = await timeline(baseUrl, id, `?endpoint=no-such-endpoint`);
    expect(other.status).toBe(404);
  });

  it("windows a timeline filtered by endpoint within that endpoint's steps", async () => {
    const baseUrl = inject("baseUrl");
    const [one, two] = [await createEndpoint(baseUrl), await createEndpoint(baseUrl)];
    const id = `srv-${uid()}`;
    const own: number[] = [];
    for (let minute = 0; minute < 6; minute++) {
      const endpoint = minute % 2 === 0 ? one : two;
      const sent = await send(endpoint, {
        resource_details: server(id, { vmem_size: 1000 + minute, updated_at: at(minute) }),
      });
      if (endpoint === one) own.push(sent.id);
    }
    const windows = await pageBack(baseUrl, id, `endpoint=${one.id}&limit=2`);
    expect(windows.flatMap((w) => w.events.map((e) => e.id))).toEqual(own);
    expect(windows[1]!.events[1]!.diff).toContainEqual(
      expect.objectContaining({ path: ["vmem_size"], before: 1002, after: 1004 }),
    );
  });

  it("keeps each endpoint's own steps once a second endpoint sends a resource", async () => {
    const baseUrl = inject("baseUrl");
    const [one, two] = [await createEndpoint(baseUrl), await createEndpoint(baseUrl)];
    const id = `srv-${uid()}`;
    const life = (endpoint: EndpointBody, minute: number, vmem_size: number) =>
      send(endpoint, { resource_details: server(id, { vmem_size, updated_at: at(minute) }) });
    const ones: number[] = [];
    for (let minute = 0; minute < 6; minute++)
      ones.push((await life(one, minute, 1000 + minute)).id);
    // Read once, so that one's history is kept before the resource becomes mixed.
    expect((await timeline(baseUrl, id)).body.total_events).toBe(6);
    const twos: number[] = [];
    for (let minute = 6; minute < 9; minute++)
      twos.push((await life(two, minute, 2000 + minute)).id);
    ones.push((await life(one, 9, 1009)).id);

    const own = await timeline(baseUrl, id, `?endpoint=${one.id}&limit=1000`);
    expect(own.body.events.map((e) => e.id)).toEqual(ones);
    expect(own.body.total_events).toBe(7);
    // one's last step compares with one's previous delivery, not with two's.
    expect(own.body.events.at(-1)).toMatchObject({ compared_to: ones[5] });
    expect(own.body.events.at(-1)!.diff).toContainEqual(
      expect.objectContaining({ path: ["vmem_size"], before: 1005, after: 1009 }),
    );
    const theirs = await timeline(baseUrl, id, `?endpoint=${two.id}`);
    expect(theirs.body.events.map((e) => e.id)).toEqual(twos);
    expect(theirs.body.events[0]).toMatchObject({ first: true, diff: null });
    expect(theirs.body.state).toMatchObject({ vmem_size: 2008 });
    const whole = await timeline(baseUrl, id);
    expect(whole.body.total_events).toBe(10);
    expect(whole.body.events.at(-1)).toMatchObject({ compared_to: twos[2] });

    const state = await api<{ state: { vmem_size: number } }>(
      baseUrl,
      `/api/resources/server/${id}/state?endpoint=${two.id}&at=${twos[0]}`,
    );
    expect(state.body.state).toMatchObject({ vmem_size: 2006 });
    const compare = await api<{ diff: Array<{ path: string[]; before: unknown; after: unknown }> }>(
      baseUrl,
      `/api/resources/server/${id}/compare?endpoint=${one.id}&from=${ones[0]}&to=${ones[6]}`,
    );
    expect(compare.body.diff).toContainEqual(
      expect.objectContaining({ path: ["vmem_size"], before: 1000, after: 1009 }),
    );
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=1001", "limit"],
    ["limit=many", "limit"],
    ["before=0", "before"],
    ["before=-4", "before"],
    ["before=12abc", "before"],
  ])("refuses ?%s with a 400 naming %s", async (query, field) => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const id = `srv-${uid()}`;
    await send(endpoint, { resource_details: server(id) });
    const { status, body } = await timeline(baseUrl, id, `?${query}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: "bad_request", field } });
  });
});
