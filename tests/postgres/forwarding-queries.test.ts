import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getPrisma } from "../../lib/db/prisma";
import {
  createRuleRow,
  deleteRuleRow,
  forwardRule,
  forwardRules,
  senderStore,
  setRulePausedRow,
  updateRuleRow,
  type JobRow,
  type SenderStore,
} from "../../lib/db/queries/forwarding";
import {
  deliveryJobs,
  jobCounts,
  recentDeliveries,
  retryDeadJobs,
  ruleAttempts,
  ruleJobsInState,
  ruleLatencies,
} from "../../lib/db/queries/forwarding-views";
import { notifyRulesChanged } from "../../lib/forwarding/forward-rules-cache";
import { ENGINES, openFreshDatabase } from "../support/both-engines";
import { fields, finish, NOW, receive } from "../support/forwarding-rows";

/**
 * Forwarding's queries (lib/db/queries/forwarding.ts) on both engines against the same
 * expectations: the rules' rows, queueing in each resource's order (SQLite's inbox written
 * by the receiver; PostgreSQL's queue read from the deliveries table), claims, finishes and
 * the promotion of the next job of a resource, dead letters retried, the API's pages.
 * PostgreSQL's queue under concurrent writers and queuers: forwarding-queue-order.test.ts.
 */
async function claim(store: SenderStore, ruleId: number, free = 4, now = NOW + 5) {
  const claimed: JobRow[] = [];
  await store.takeStep({
    wants: [{ ruleId, free }],
    saturated: false,
    now,
    leaseUntil: now + 60_000,
    claimed,
  });
  return claimed;
}

describe.each(ENGINES)("forwarding's queries on %s", (engine) => {
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ close } = await openFreshDatabase(engine, "forwarding"));
    await getPrisma().endpoint.create({ data: { id: "ep", name: "e", token: "tok" } });
    notifyRulesChanged();
  });
  afterEach(async () => {
    notifyRulesChanged();
    await close();
  });

  it("creates, reads, updates, pauses and deletes rules as the same rows", async () => {
    const id = await createRuleRow(fields(), NOW);
    expect(await forwardRule(id)).toEqual({
      id,
      ...fields(),
      paused: 0,
      failing_since: null,
      last_error: null,
      last_error_at: null,
      last_success_at: null,
      created_at: NOW,
      updated_at: NOW,
    });
    expect(await updateRuleRow(id, fields({ name: "renamed", enabled: 0 }), NOW + 1)).toBe(1);
    expect(await setRulePausedRow(id, true, NOW + 2)).toBe(1);
    expect(await forwardRule(id)).toMatchObject({
      name: "renamed",
      enabled: 0,
      paused: 1,
      updated_at: NOW + 2,
    });
    expect(await updateRuleRow(id + 1, fields(), NOW)).toBe(0);
    expect(await setRulePausedRow(id + 1, true, NOW)).toBe(0);
    expect((await forwardRules()).map((rule) => rule.id)).toEqual([id]);
    expect(await deleteRuleRow(id)).toBe(1);
    expect(await deleteRuleRow(id)).toBe(0);
    expect(await forwardRule(id)).toBeUndefined();
  });

  it("queues what matches, one resource at a time, and shows a delivery's forwards", async () => {
    const ruleId = await createRuleRow(fields(), NOW);
    const other = await createRuleRow(
      fields({ filter: JSON.stringify({ action: "delete" }) }),
      NOW,
    );
    notifyRulesChanged();
    const ids = await receive([
      { bodyHash: "a" },
      { bodyHash: "b", resourceType: "network", resourceId: "n-1" },
      { bodyHash: "c" },
      { bodyHash: "d", resourceId: null },
      { bodyHash: "e", action: "delete" },
    ]);
    const jobs = await deliveryJobs(ids[4]!);
    expect(jobs.map((job) => [job.rule_id, job.state, job.order_key])).toEqual([
      [ruleId, "waiting", "server/s-1"],
      [other, "pending", "server/s-1"],
    ]);
    expect(jobs[0]).toMatchObject({
      delivery_id: ids[4],
      rule_name: "cmdb",
      attempts: 0,
      queued_at: NOW,
      next_attempt_at: NOW,
      lease_until: null,
      done_at: null,
    });
    expect((await deliveryJobs(ids[0]!)).map((job) => job.state)).toEqual(["pending"]);
    expect(await deliveryJobs(ids[1]!)).toEqual([]);
    expect((await deliveryJobs(ids[3]!)).map((job) => [job.state, job.order_key])).toEqual([
      ["pending", `#${ids[3]}`],
    ]);
    expect(await jobCounts()).toEqual([
      { rule_id: ruleId, pending: 4, failed: 0, delivered: 0, dead: 0 },
      { rule_id: other, pending: 1, failed: 0, delivered: 0, dead: 0 },
    ]);
    expect((await recentDeliveries(2)).map((row) => [row.id, row.received_at])).toEqual([
      [ids[4], NOW],
      [ids[3], NOW],
    ]);
  });

  it("claims due jobs, records each attempt, promotes the resource's next, retries dead letters", async () => {
    const ruleId = await createRuleRow(fields(), NOW);
    notifyRulesChanged();
    const store = senderStore();
    const ids = await receive([{ bodyHash: "a" }, { bodyHash: "b" }, { bodyHash: "c" }]);
    await deliveryJobs(ids[2]!);
    const [first, ...none] = await claim(store, ruleId);
    expect(none).toEqual([]);
    expect(first).toMatchObject({ delivery_id: ids[0], state: "sending", attempts: 1 });
    expect(await store.record(finish(first!, "pending", NOW + 10), first!)).toBe(true);
    expect(await claim(store, ruleId, 4, NOW + 6)).toEqual([]);
    const [again] = await claim(store, ruleId, 4, NOW + 20);
    expect(again).toMatchObject({ id: first!.id, attempts: 2 });
    expect(await store.record(finish(again!, "delivered", NOW + 30), again!)).toBe(true);
    const [second] = await claim(store, ruleId, 4, NOW + 40);
    expect(second).toMatchObject({ delivery_id: ids[1], attempts: 1 });
    expect(await store.record(finish(second!, "dead", NOW + 50), second!)).toBe(true);
    expect(await jobCounts()).toEqual([
      { rule_id: ruleId, pending: 1, failed: 0, delivered: 1, dead: 1 },
    ]);
    expect(await forwardRule(ruleId)).toMatchObject({
      failing_since: NOW + 50,
      last_error: "answered 500",
      last_error_at: NOW + 50,
      last_success_at: NOW + 30,
    });
    expect(await ruleLatencies(ruleId)).toEqual([7]);
    const attempts = await ruleAttempts(ruleId, null, 2);
    expect(attempts.map((row) => [row.outcome, row.status, row.created_at])).toEqual([
      ["dead", 500, NOW + 50],
      ["delivered", 200, NOW + 30],
    ]);
    expect((await ruleAttempts(ruleId, attempts[1]!.id, 10)).map((row) => row.outcome)).toEqual([
      "retry",
    ]);
    const dead = await ruleJobsInState(ruleId, "dead", null, 10);
    expect(dead).toMatchObject([{ id: second!.id, rule_name: "cmdb", done_at: NOW + 50 }]);

    // The third is pending (promoted when the second went dead): the dead one waits behind it.
    expect(await retryDeadJobs(ruleId, null, NOW + 60)).toBe(1);
    expect((await deliveryJobs(ids[1]!)).map((job) => job.state)).toEqual(["waiting"]);
    expect(await retryDeadJobs(ruleId, second!.id, NOW + 60)).toBe(0);
    const [third] = await claim(store, ruleId, 4, NOW + 70);
    expect(third).toMatchObject({ delivery_id: ids[2] });
    expect(await store.record(finish(third!, "delivered", NOW + 80), third!)).toBe(true);
    expect(await forwardRule(ruleId)).toMatchObject({ failing_since: null });
    const [revived] = await claim(store, ruleId, 4, NOW + 90);
    expect(revived).toMatchObject({ delivery_id: ids[1], attempts: 2, queued_at: NOW + 60 });
  });

  it("leaves a paused rule's jobs queued and gives back what a stopped sender held", async () => {
    const ruleId = await createRuleRow(fields(), NOW);
    notifyRulesChanged();
    const store = senderStore();
    const ids = await receive([{ bodyHash: "a" }, { bodyHash: "b", resourceId: "s-2" }]);
    await deliveryJobs(ids[1]!);
    const [taken] = await claim(store, ruleId, 1);
    expect(taken).toMatchObject({ delivery_id: ids[0] });
    await store.releaseLeases();
    expect((await deliveryJobs(ids[0]!)).map((job) => job.state)).toEqual(["pending"]);
    expect((await claim(store, ruleId)).map((job) => job.delivery_id)).toEqual(ids);
  });
});
