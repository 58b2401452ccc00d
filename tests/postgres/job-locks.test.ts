import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Connection } from "../../lib/db/connection";
import { closeJobLocks, jobLock, jobLockKey, JobLocks } from "../../lib/db/queries/job-locks";
import { ENGINES, openFreshDatabase } from "../support/both-engines";

/**
 * The exactly-once mechanism for background work (lib/db/queries/job-locks.ts): on SQLite
 * the one process holds every lock; on PostgreSQL one instance at a time holds a name, and
 * it passes to a waiting instance when the holder releases it, dies (SIGKILL) or loses its
 * connection, the holder knowing it lost it.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const TAKEOVER = { timeout: 10_000, interval: 50 };

describe.each(ENGINES)("the process's job lock on %s", (engine) => {
  let close: () => Promise<void>;
  beforeEach(async () => ({ close } = await openFreshDatabase(engine, "job_locks")));
  afterEach(async () => {
    await closeJobLocks();
    await close();
  });

  it("is held by its one wanter, and confirmed", async () => {
    const lock = jobLock("rollups");
    await vi.waitFor(() => expect(lock.held).toBe(true), TAKEOVER);
    expect(await lock.confirm()).toBe(true);
    const seen: boolean[] = [];
    lock.onChange((held) => seen.push(held));
    expect(seen).toEqual([true]);
  });
});

/** Which backend holds the lock `name` now, from the server's side, or null. */
async function holderPid(admin: pg.Client, name: string): Promise<number | null> {
  const [space, id] = jobLockKey(name);
  const { rows } = await admin.query<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
       AND classid = $1 AND objid = $2 AND objsubid = 2`,
    [space, id],
  );
  return rows[0]?.pid ?? null;
}

/** Whether a lock connection other than `except`'s has asked for a lock and been answered. */
async function someoneElseAsked(admin: pg.Client, except: (number | null)[]): Promise<boolean> {
  const { rows } = await admin.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE application_name = 'hooklens-job-locks'
       AND state = 'idle' AND query LIKE 'SELECT pg_try_advisory_lock%'`,
  );
  return rows.some((row) => !except.includes(row.pid));
}

describe("job locks across instances on PostgreSQL", () => {
  let url: string;
  let admin: pg.Client;
  let connection: Connection;
  let close: () => Promise<void>;
  const instances: JobLocks[] = [];
  const children: ChildProcess[] = [];
  const instance = () => {
    const locks = new JobLocks(url);
    instances.push(locks);
    return locks;
  };

  beforeEach(async () => {
    ({ close, connection } = await openFreshDatabase("postgresql", "job_locks"));
    url = connection.url;
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill("SIGKILL");
    await Promise.all(instances.splice(0).map((locks) => locks.close()));
    await admin.end();
    await close();
  });

  it("is held by one instance at a time, and passes on release", async () => {
    const a = instance().lock("rollups");
    const b = instance().lock("rollups");
    await vi.waitFor(() => expect(a.held || b.held).toBe(true), TAKEOVER);
    const [holder, other] = a.held ? [a, b] : [b, a];
    expect(other.held).toBe(false);
    expect(await holder.confirm()).toBe(true);
    expect(await other.confirm()).toBe(false);
    holder.release();
    expect(holder.held).toBe(false);
    await vi.waitFor(() => expect(other.held).toBe(true), TAKEOVER);
    expect(await holder.confirm()).toBe(false);
  });

  it("holds different names independently", async () => {
    const first = instance();
    const second = instance();
    const rollups = first.lock("rollups");
    const retention = second.lock("retention");
    await vi.waitFor(() => expect(rollups.held && retention.held).toBe(true), TAKEOVER);
    const waiting = second.lock("rollups");
    expect(await waiting.confirm()).toBe(false);
    expect(await holderPid(admin, "rollups")).not.toBe(await holderPid(admin, "retention"));
  });

  it("passes on when the holder's connection is killed, and the holder learns it", async () => {
    const a = instance().lock("retention");
    await vi.waitFor(() => expect(a.held).toBe(true), TAKEOVER);
    const changes: boolean[] = [];
    a.onChange((held) => changes.push(held));
    const b = instance().lock("retention");
    const pid = await holderPid(admin, "retention");
    expect(pid).not.toBeNull();
    await admin.query("SELECT pg_terminate_backend($1)", [pid]);
    await vi.waitFor(() => expect(b.held).toBe(true), TAKEOVER);
    expect(a.held).toBe(false);
    expect(changes).toEqual([true, false]);
    expect(await a.confirm()).toBe(false);
    // The old holder reconnects and asks again, and finds it taken.
    const newHolder = await holderPid(admin, "retention");
    expect(newHolder).not.toBe(pid);
    await vi.waitFor(
      async () => expect(await someoneElseAsked(admin, [pid, newHolder])).toBe(true),
      TAKEOVER,
    );
    expect(a.held).toBe(false);
  });

  it("passes on when the holding process is killed with SIGKILL", async () => {
    // node itself with tsx's loader (the tsx command would run it in a grandchild).
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "tests/support/hold-job-lock.ts"), url, "forwarding"],
      { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
    );
    children.push(child);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await vi.waitFor(() => expect(output).toContain("held"), { timeout: 30_000, interval: 50 });
    const childPid = await holderPid(admin, "forwarding");
    const waiting = instance().lock("forwarding");
    // The survivor has asked and been refused while the child lives.
    await vi.waitFor(
      async () => expect(await someoneElseAsked(admin, [childPid])).toBe(true),
      TAKEOVER,
    );
    expect(await holderPid(admin, "forwarding")).toBe(childPid);
    expect(waiting.held).toBe(false);
    expect(await waiting.confirm()).toBe(false);
    child.kill("SIGKILL");
    await vi.waitFor(() => expect(waiting.held).toBe(true), TAKEOVER);
    expect(await holderPid(admin, "forwarding")).not.toBe(childPid);
  });

  it("a holder whose server stops answering gives up before the lock is free elsewhere", async () => {
    const a = instance().lock("replays");
    await vi.waitFor(() => expect(a.held).toBe(true), TAKEOVER);
    const pid = (await holderPid(admin, "replays"))!;
    const b = instance().lock("replays");
    // The holder's backend frozen: its session (and the lock) lives, but answers nothing.
    process.kill(pid, "SIGSTOP");
    try {
      await vi.waitFor(() => expect(a.held).toBe(false), TAKEOVER);
      expect(b.held).toBe(false);
      expect(await holderPid(admin, "replays")).toBe(pid);
    } finally {
      process.kill(pid, "SIGCONT");
    }
    // Thawed, the backend finds its client gone and ends: the lock passes on.
    await vi.waitFor(() => expect(b.held).toBe(true), TAKEOVER);
    expect(a.held).toBe(false);
  });
});
