import { describe, expect, it } from "vitest";
import { buildTimeline } from "./build-timeline";
import { delivery, server, stepsOf } from "./timeline-test-deliveries";
describe("buildTimeline: out of order", () => {
  const at = (time: string, name: string) => delivery("update", server({ updated_at: time, name }));

  it("flags a snapshot older than one already seen and compares it with its real predecessor", () => {
    const t1 = at("2024-05-01T10:00:00Z", "one");
    const t3 = at("2024-05-01T10:03:00Z", "three");
    const t2 = at("2024-05-01T10:02:00Z", "two");
    const t4 = at("2024-05-01T10:04:00Z", "four");
    const steps = stepsOf([t1, t3, t2, t4]);
    expect(steps.map((s) => s.outOfOrder)).toEqual([false, false, true, false]);
    expect(steps[2]!.comparedTo).toBe(t1.id);
    expect(steps[2]!.diff?.find((e) => e.path[0] === "name")).toMatchObject({
      before: "one",
      after: "two",
    });
    expect(steps[2]!.state).toBe(t2.resourceDetails);
    expect(steps[3]!.comparedTo).toBe(t3.id);
  });

  it("never rolls the latest state back to a late snapshot", () => {
    const t1 = at("2024-05-01T10:00:00Z", "one");
    const t3 = at("2024-05-01T10:03:00Z", "three");
    const t2 = at("2024-05-01T10:02:00Z", "two");
    expect(buildTimeline([t1, t3, t2])).toMatchObject({
      state: t3.resourceDetails,
      stateFrom: t3.id,
    });
  });

  it("gives no diff to a late snapshot older than everything seen", () => {
    const update = at("2024-05-01T10:05:00Z", "later");
    const create = at("2024-05-01T10:00:00Z", "first");
    const steps = stepsOf([update, create]);
    expect(steps[1]).toMatchObject({
      outOfOrder: true,
      diff: null,
      comparedTo: null,
      first: false,
    });
  });

  it("orders by microseconds, which Date.parse would drop", () => {
    const a = at("2024-05-01T10:00:00.000900Z", "a");
    const b = at("2024-05-01T10:00:00.000100Z", "b");
    expect(stepsOf([a, b])[1]!.outOfOrder).toBe(true);
  });

  it("does not flag equal times, missing times or unreadable times", () => {
    const same = stepsOf([at("2024-05-01T10:00:00Z", "a"), at("2024-05-01T10:00:00Z", "b")]);
    expect(same[1]!.outOfOrder).toBe(false);
    const untimed = stepsOf([
      at("2024-05-01T10:00:00Z", "a"),
      delivery("update", server({ updated_at: undefined, name: "b" })),
      at("yesterday-ish", "c"),
    ]);
    expect(untimed.map((s) => s.outOfOrder)).toEqual([false, false, false]);
  });

  it("still applies a late delete, flagged", () => {
    const update = at("2024-05-01T10:05:00Z", "x");
    const late = delivery("delete", {
      id: "srv-1",
      status: "deleted",
      updated_at: "2024-05-01T10:01:00Z",
    });
    const [, step] = stepsOf([update, late]);
    expect(step).toMatchObject({ deletion: true, outOfOrder: true });
    expect(step!.state).toMatchObject({ name: "x", status: "deleted" });
  });
});

describe("buildTimeline: deletions", () => {
  it("shows a resource first seen at its deletion as the first step and the deletion", () => {
    const [step] = stepsOf([delivery("sync_delete", { id: "d-1", status: "deleted" })]);
    expect(step).toMatchObject({ first: true, deletion: true, diff: null });
    expect(step!.state).toEqual({ id: "d-1", status: "deleted" });
  });

  it("treats a failed delete as no deletion, but still as a bare row", () => {
    const steps = stepsOf([
      delivery("create", server()),
      delivery("delete", { id: "srv-1", status: "delete_fail" }, { result: "failed" }),
    ]);
    expect(steps[1]).toMatchObject({ deletion: false, unchanged: false });
    expect(steps[1]!.diff).toEqual([
      { path: ["status"], op: "changed", before: "running", after: "delete_fail" },
    ]);
  });

  it("calls a deletion whose row matches the state a deletion, not unchanged", () => {
    const steps = stepsOf([delivery("create", server()), delivery("delete", { id: "srv-1" })]);
    expect(steps[1]).toMatchObject({ deletion: true, unchanged: false, diff: [] });
  });

  it("compares a re-creation after a delete with the state the delete left", () => {
    const steps = stepsOf([
      delivery("create", server()),
      delivery("delete", { id: "srv-1", status: "deleted" }),
      delivery("sync_create", server({ status: "ready" })),
    ]);
    expect(steps[2]!.diff).toEqual([
      { path: ["status"], op: "changed", before: "deleted", after: "ready" },
    ]);
  });
});
