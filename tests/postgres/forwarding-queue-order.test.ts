import type pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Connection } from "../../lib/db/connection";
import { getPrisma } from "../../lib/db/prisma";
import { createRuleRow, setRulePausedRow, type JobRow } from "../../lib/db/queries/forwarding";
import {
  claimPostgres,
  finishPostgres,
  releaseLeasesPostgres,
} from "../../lib/db/queries/forwarding-postgres";
import { queuePostgres } from "../../lib/db/queries/forwarding-queue-postgres";
import { clientRows } from "../../lib/db/sql-query";
import { openFreshDatabase } from "../support/both-engines";
import { fields, finish, NOW, receive } from "../support/forwarding-rows";

/**
 * PostgreSQL's forwarding queue (lib/db/queries/forwarding-queue-postgres.ts) read from the
 * deliveries table: nothing from before the first rule, no id skipped when ids commit out
 * of order, each delivery queued once by two queuers at once, a job queued while the one it
 * waits for finishes still promoted; and the claims' guards (SKIP LOCKED, a paused rule, a
 * claim taken over records nothing).
 */
describe("forwarding's queue on PostgreSQL", () => {
  let close: () => Promise<void>;
  let connection: Connection;
  let pool: pg.Pool;
  const clients: pg.PoolClient[] = [];
  const client = async () => {
    const opened = await pool.connect();
    clients.push(opened);
    return opened;
  };
  beforeEach(async () => {
    ({ close, connection } = await openFreshDatabase("postgresql", "forwarding_queue"));
    if (connection.engine !== "postgresql") throw new Error("PostgreSQL expected");
    pool = connection.pool;
    await getPrisma().endpoint.create({ data: { id: "ep", name: "e", token: "tok" } });
  });
  afterEach(async () => {
    for (const opened of clients.splice(0)) {
      await opened.query("ROLLBACK").catch(() => undefined);
      opened.release();
    }
    await close();
  });

  const jobsOf = async () =>
    (
      await rows<{ delivery_id: number; state: string }>(
        "SELECT delivery_id, state FROM forward_jobs ORDER BY id",
      )
    ).map((row) => [row.delivery_id, row.state]);
  const rows = async <Row>(text: string) => {
    const opened = await pool.connect();
    try {
      return await clientRows<Row>(opened, text);
    } finally {
      opened.release();
    }
  };

  it("forwards nothing stored before the first rule", async () => {
    await receive([{ bodyHash: "before" }]);
    await createRuleRow(fields(), NOW);
    const [after] = await receive([{ bodyHash: "after" }]);
    await queuePostgres();
    expect(await jobsOf()).toEqual([[after, "pending"]]);
  });

  it("never skips an id that commits after a higher one", async () => {
    await createRuleRow(fields(), NOW);
    const early = await client();
    const late = await client();
    const insert = (on: pg.PoolClient, id: number, hash: string) =>
      on.query(
        `INSERT INTO deliveries (id, endpoint_id, received_at, kind, resource_type, action, result,
           resource_id, signature, size, body_hash)
         VALUES ($1, 'ep', now(), 'event', 'server', 'update', 'succeed', $2, 'valid', 1, $2)`,
        [id, hash],
      );
    const draw = async (on: pg.PoolClient) => {
      await on.query("BEGIN");
      return (await clientRows<{ id: number }>(on, "SELECT nextval('deliveries_id_seq') AS id"))[0]!
        .id;
    };
    const a = await draw(early);
    await insert(early, a, "early");
    const b = await draw(late);
    await insert(late, b, "late");
    await late.query("COMMIT");
    expect(await queuePostgres()).toMatchObject({ queued: 0, waiting: true });
    expect(await jobsOf()).toEqual([]);
    await early.query("COMMIT");
    await queuePostgres();
    expect(await jobsOf()).toEqual([
      [a, "pending"],
      [b, "pending"],
    ]);
  });

  it("queues each delivery once when two instances queue at once", async () => {
    await createRuleRow(fields(), NOW);
    const ids = await receive(
      Array.from({ length: 60 }, (_, i) => ({ bodyHash: `h${i}`, resourceId: `s-${i % 3}` })),
    );
    await Promise.all([queuePostgres({ chunk: 7 }), queuePostgres({ chunk: 5 })]);
    const jobs = await jobsOf();
    expect(jobs.map(([id]) => id)).toEqual(ids);
    // Each resource's first is pending, the rest wait behind it.
    expect(jobs.filter(([, state]) => state === "pending").map(([id]) => id)).toEqual(
      ids.slice(0, 3),
    );
  });

  it("promotes a job queued while the one it waits for finishes", async () => {
    const ruleId = await createRuleRow(fields(), NOW);
    const [first] = await receive([{ bodyHash: "a" }]);
    await queuePostgres();
    const [job] = (await claimPostgres(ruleId, NOW + 5, 4, NOW + 60_000)).jobs;
    expect(job).toMatchObject({ delivery_id: first });
    const reader = await client();
    for (let i = 0; i < 20; i++) {
      const [next] = await receive([{ bodyHash: `n${i}` }]);
      // The queueing and the finish race; whichever is second sees the other's result.
      const [, recorded] = await Promise.all([
        queuePostgres(),
        finishPostgres(finish(await current(), "delivered"), await attemptsOf()),
      ]);
      expect(recorded).toBe(true);
      const open = await clientRows<{ state: string }>(
        reader,
        "SELECT state FROM forward_jobs WHERE state <> 'delivered'",
      );
      expect(open).toEqual([{ state: "pending" }]);
      const [claimed] = (await claimPostgres(ruleId, NOW + 5, 4, NOW + 60_000)).jobs;
      expect(claimed).toMatchObject({ delivery_id: next });
    }

    async function current(): Promise<JobRow> {
      const [row] = await clientRows<JobRow>(
        reader,
        `SELECT id, rule_id, delivery_id, order_key FROM forward_jobs WHERE state = 'sending'`,
      );
      return row!;
    }
    async function attemptsOf() {
      const [row] = await clientRows<{ attempts: number }>(
        reader,
        "SELECT attempts FROM forward_jobs WHERE state = 'sending'",
      );
      return row!.attempts;
    }
  });

  it("skips jobs another claim holds, and records nothing for a claim taken over", async () => {
    const ruleId = await createRuleRow(fields(), NOW);
    const ids = await receive([{ bodyHash: "a" }, { bodyHash: "b", resourceId: "s-2" }]);
    await queuePostgres();
    const holder = await client();
    await holder.query("BEGIN");
    await holder.query("SELECT 1 FROM forward_jobs WHERE delivery_id = $1 FOR UPDATE", [ids[0]]);
    const skipped = await claimPostgres(ruleId, NOW + 5, 4, NOW + 60_000);
    expect(skipped.jobs.map((job) => job.delivery_id)).toEqual([ids[1]]);
    await holder.query("ROLLBACK");

    const [old] = (await claimPostgres(ruleId, NOW + 5, 4, NOW + 60_000)).jobs;
    expect(old).toMatchObject({ delivery_id: ids[0], attempts: 1 });
    await releaseLeasesPostgres();
    const retaken = (await claimPostgres(ruleId, NOW + 6, 4, NOW + 60_000)).jobs;
    const mine = retaken.find((job) => job.delivery_id === ids[0])!;
    expect(mine.attempts).toBe(2);
    expect(await finishPostgres(finish(old!, "delivered"), old!.attempts)).toBe(false);
    expect(await finishPostgres(finish(mine, "delivered"), mine.attempts)).toBe(true);
    const attempts = await rows("SELECT job_id FROM forward_attempts");
    expect(attempts).toEqual([{ job_id: mine.id }]);
  });

  it("takes no job of a paused rule", async () => {
    const ruleId = await createRuleRow(fields(), NOW);
    await receive([{ bodyHash: "a" }]);
    await queuePostgres();
    await setRulePausedRow(ruleId, true, NOW);
    expect((await claimPostgres(ruleId, NOW + 5, 4, NOW + 60_000)).jobs).toEqual([]);
    await setRulePausedRow(ruleId, false, NOW);
    expect((await claimPostgres(ruleId, NOW + 5, 4, NOW + 60_000)).jobs).toHaveLength(1);
  });
});
