import { describe, expect, it } from "vitest";
import type { SimulatedDelivery } from "./delivery-expectation";
import { collect, detailsOf } from "./test-helpers";

type Details = Record<string, unknown>;

/** The resource's state as the event shows it: without the fields only the message carries. */
function stateOf(delivery: SimulatedDelivery): Details {
  const details = { ...detailsOf(delivery) };
  for (const field of delivery.expect.transientFields) delete details[field];
  return details;
}

const isBareRow = (d: SimulatedDelivery) =>
  d.expect.action === "delete" || d.expect.action === "sync_delete";
const isDelete = (d: SimulatedDelivery) => isBareRow(d) && d.expect.result === "succeed";

type Step = {
  delivery: SimulatedDelivery;
  before: Details | undefined;
  after: Details;
  /** False when changes went out as template text since the previous JSON event. */
  adjacent: boolean;
};

/** Every first-sent JSON event, with the state the previous one left for its resource. */
function walk(seed: number) {
  const states = new Map<string, Details>();
  const deleted = new Set<string>();
  const unseen = new Set<string>();
  const steps: Step[] = [];
  const stream = collect({ seed, count: 1500 });
  for (const delivery of stream) {
    const id = delivery.expect.subjectId;
    if (id === null || delivery.expect.duplicateOf !== null) continue;
    expect(deleted.has(id), `event after the delete of ${id}`).toBe(false);
    if (delivery.expect.kind === "text") {
      unseen.add(id);
      continue;
    }
    expect(delivery.expect.resourceId).toBe(id);
    const before = states.get(id);
    const after = stateOf(delivery);
    steps.push({ delivery, before, after, adjacent: !unseen.delete(id) });
    if (isDelete(delivery)) deleted.add(id);
    // A failed delete carries the bare row: what it omits is still the resource's.
    states.set(id, { ...before, ...after });
  }
  return { steps, firstSends: stream.filter((d) => d.expect.duplicateOf === null) };
}

describe.each([1, 2, 3])("resource_details evolve consistently (seed %i)", (seed) => {
  const { steps, firstSends } = walk(seed);
  const changes = steps.filter((s) => s.before !== undefined);

  it("has plenty of changes to check", () => {
    expect(changes.length).toBeGreaterThan(400);
  });

  it("changes only the fields the change names: the rest is the previous state", () => {
    for (const { delivery, before, after } of changes) {
      const changed = new Set(delivery.expect.changedFields);
      const fields = isBareRow(delivery)
        ? Object.keys(after)
        : [...new Set([...Object.keys(before!), ...Object.keys(after)])];
      for (const field of fields.filter((f) => !changed.has(f))) {
        expect(
          after[field],
          `${delivery.expect.sequence} ${delivery.expect.action} ${field}`,
        ).toEqual(before![field]);
      }
    }
  });

  it("moves updated_at forward whenever the row is written, and never back", () => {
    for (const { delivery, before, after } of changes) {
      const [was, now] = [String(before!.updated_at), String(after.updated_at)];
      if (delivery.expect.changedFields.includes("updated_at")) expect(now > was).toBe(true);
      else expect(now).toBe(was);
      expect(now >= String(after.created_at ?? before!.created_at)).toBe(true);
    }
  });

  it("doubles vmem_size/vcpu_count on change_config and disk_size on a resize", () => {
    const doubled = changes.filter(
      ({ delivery, adjacent }) =>
        adjacent && ["change_config", "resize"].includes(delivery.expect.action!),
    );
    expect(doubled.length).toBeGreaterThan(5);
    for (const { delivery, before, after } of doubled) {
      if (delivery.expect.result === "failed") continue;
      const fields = delivery.expect.changedFields.filter((f) =>
        ["vmem_size", "vcpu_count", "disk_size", "bandwidth"].includes(f),
      );
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) expect(after[field]).toBe(Number(before![field]) * 2);
    }
  });

  it("reports old_status and new_status on a status change", () => {
    const statusChanges = changes.filter(
      ({ delivery, adjacent }) => adjacent && delivery.expect.action === "status_changed",
    );
    expect(statusChanges.length).toBeGreaterThan(5);
    for (const { delivery, before, after } of statusChanges) {
      const details = detailsOf(delivery);
      expect(details.old_status).toBe(before!.status);
      expect(details.new_status).toBe(after.status);
      expect(details.new_status).not.toBe(details.old_status);
    }
  });

  it("attaches a disk to the disk's guests, then to the server's disks_info right after", () => {
    let checked = 0;
    firstSends.forEach((delivery, index) => {
      if (delivery.expect.kind !== "event" || delivery.expect.action !== "attach") return;
      const disk = detailsOf(delivery);
      const guests = disk.guests as Details[];
      expect(guests).toHaveLength(1);
      const server = firstSends[index + 1];
      if (!server) return;
      expect(server.expect).toMatchObject({ subjectId: guests[0]!.id, action: "update" });
      const step = steps.find((s) => s.delivery === server);
      if (!step?.adjacent) return;
      const added = (step.after.disks_info as Details[]).filter(
        (entry) => !(step.before!.disks_info as Details[]).some((old) => old.id === entry.id),
      );
      expect(added).toEqual([
        expect.objectContaining({ id: disk.id, size: disk.disk_size, disk_type: "data" }),
      ]);
      expect(step.after.disk).toBe(
        (step.after.disks_info as Details[]).reduce((sum, d) => sum + Number(d.size), 0),
      );
      checked++;
    });
    expect(checked).toBeGreaterThan(0);
  });

  it("sends deletes with the bare row: fewer fields, marked deleted", () => {
    const deletes = changes.filter(({ delivery }) => isDelete(delivery));
    expect(deletes.length).toBeGreaterThan(5);
    for (const { before, after } of deletes) {
      expect(Object.keys(after).length).toBeLessThan(Object.keys(before!).length);
      expect(after).toMatchObject({ deleted: true, id: before!.id, deleted_at: after.updated_at });
      for (const viewOnly of ["metadata", "can_delete", "project_domain", "tenant"])
        expect(after).not.toHaveProperty(viewOnly);
    }
  });

  it("marks failed events with a failing status or leaves the resource as it was", () => {
    const failed = changes.filter(({ delivery }) => delivery.expect.result === "failed");
    expect(failed.length).toBeGreaterThan(3);
    for (const { after } of failed) expect(String(after.status)).toMatch(/fail/);
  });
});
