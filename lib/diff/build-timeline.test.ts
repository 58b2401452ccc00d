import { describe, expect, it } from "vitest";
import { buildTimeline } from "./build-timeline";
import { delivery, server, stepsOf, type Details } from "./timeline-test-deliveries";
describe("buildTimeline: a server's life", () => {
  const create = delivery("create", server({ status: "ready" }));
  const resize = delivery(
    "change_config",
    server({ status: "ready", vmem_size: 2048, updated_at: "2024-05-01T10:01:00.000000Z" }),
  );
  const start = delivery(
    "start",
    server({ updated_at: "2024-05-01T10:02:00.000000Z", vmem_size: 2048 }),
  );
  const remove = delivery("delete", {
    id: "srv-1",
    name: "web-1",
    status: "deleted",
    deleted: true,
    updated_at: "2024-05-01T10:03:00.000000Z",
  });
  const steps = stepsOf([create, resize, start, remove]);

  it("keeps every delivery, in order, and passes each through", () => {
    expect(steps.map((s) => s.delivery)).toEqual([create, resize, start, remove]);
  });

  it("gives the first snapshot no diff", () => {
    expect(steps[0]).toMatchObject({ first: true, diff: null, comparedTo: null });
    expect(steps[0]!.state).toBe(create.resourceDetails);
  });

  it("compares each later snapshot with the one before", () => {
    expect(steps[1]!.comparedTo).toBe(create.id);
    expect(steps[1]!.diff).toEqual([
      { path: ["vmem_size"], op: "changed", before: 1024, after: 2048 },
      {
        path: ["updated_at"],
        op: "changed",
        before: "2024-05-01T10:00:00.000000Z",
        after: "2024-05-01T10:01:00.000000Z",
      },
    ]);
    expect(steps[2]!.diff?.map((e) => e.path[0])).toEqual(["status", "updated_at"]);
    expect(steps.map((s) => s.first)).toEqual([true, false, false, false]);
  });

  it("shows the delete as a deletion of the fields its bare row has, not a wall of removals", () => {
    const deletion = steps[3]!;
    expect(deletion.deletion).toBe(true);
    expect(deletion.diff).toEqual([
      { path: ["status"], op: "changed", before: "running", after: "deleted" },
      { path: ["deleted"], op: "added", after: true },
      {
        path: ["updated_at"],
        op: "changed",
        before: "2024-05-01T10:02:00.000000Z",
        after: "2024-05-01T10:03:00.000000Z",
      },
    ]);
  });

  it("keeps the last full state under the deletion, with the bare row on top", () => {
    expect(steps[3]!.state).toMatchObject({ vmem_size: 2048, status: "deleted", deleted: true });
    expect(steps[3]!.snapshot).toBe(remove.resourceDetails);
  });

  it("flags nothing else on an ordinary history", () => {
    for (const s of steps) {
      expect(s).toMatchObject({ duplicate: false, outOfOrder: false, unchanged: false });
    }
  });
});

describe("buildTimeline: duplicates and unchanged", () => {
  it("shows an exact re-send as a duplicate of its original, leaving the state alone", () => {
    const create = delivery("create", server());
    const update = delivery(
      "update",
      server({ name: "web-2", updated_at: "2024-05-01T11:00:00Z" }),
    );
    const resend = delivery("create", server(), { duplicateOf: create.id });
    const later = delivery("update", server({ name: "web-3", updated_at: "2024-05-01T12:00:00Z" }));
    const timeline = buildTimeline([create, update, resend]);
    expect(timeline.state).toBe(update.resourceDetails);
    expect(timeline.stateFrom).toBe(update.id);
    const steps = stepsOf([create, update, resend, later]);
    expect(steps[2]).toMatchObject({ duplicate: true, diff: null, comparedTo: create.id });
    expect(steps[2]!.state).toBe(create.resourceDetails);
    expect(steps[2]!.outOfOrder).toBe(false);
    expect(steps[3]!.comparedTo).toBe(update.id);
    expect(steps[3]!.diff?.[0]).toEqual({
      path: ["name"],
      op: "changed",
      before: "web-2",
      after: "web-3",
    });
  });

  it("treats a re-send of a delivery left out of the timeline as new", () => {
    const forged = delivery("create", server(), { signature: "invalid" });
    const resend = delivery("create", server(), { duplicateOf: forged.id, signature: "valid" });
    const [step] = stepsOf([forged, resend]);
    expect(step).toMatchObject({ first: true, duplicate: false });
    expect(step!.delivery).toBe(resend);
  });

  it("calls identical details from a different delivery unchanged, with an empty diff", () => {
    const steps = stepsOf([delivery("update", server()), delivery("sync_update", server())]);
    expect(steps[1]).toMatchObject({ unchanged: true, duplicate: false, diff: [] });
  });

  it("does not call a step unchanged when only bookkeeping moved", () => {
    const steps = stepsOf([
      delivery("update", server()),
      delivery("update", server({ updated_at: "2024-05-01T10:00:01Z" })),
    ]);
    expect(steps[1]!.unchanged).toBe(false);
  });
});

describe("buildTimeline: signatures and missing details", () => {
  it("leaves invalid-signature deliveries out, so they are never compared with", () => {
    const create = delivery("create", server());
    const forged = delivery("update", server({ status: "hacked" }), { signature: "invalid" });
    const update = delivery("update", server({ name: "web-2" }));
    const steps = stepsOf([create, forged, update]);
    expect(steps.map((s) => s.delivery.id)).toEqual([create.id, update.id]);
    expect(steps[1]!.comparedTo).toBe(create.id);
    expect(steps[1]!.diff?.map((e) => e.path[0])).toEqual(["name"]);
  });

  it("keeps a delivery without details in line with no diff, carrying the state over", () => {
    const create = delivery("create", server());
    const text = delivery("start", null);
    const update = delivery("update", server({ name: "web-2" }));
    const steps = stepsOf([text, create, text, update]);
    expect(steps[0]).toMatchObject({ first: false, diff: null, state: null });
    expect(steps[1]!.first).toBe(true);
    expect(steps[2]).toMatchObject({ diff: null, state: create.resourceDetails, unchanged: false });
    expect(steps[3]!.comparedTo).toBe(create.id);
  });

  it("treats details that are not an object as no snapshot", () => {
    const steps = stepsOf([delivery("create", ["not", "an", "object"] as unknown as Details)]);
    expect(steps[0]).toMatchObject({ first: false, snapshot: null, diff: null });
  });
});
