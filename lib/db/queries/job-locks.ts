import pg from "pg";
import { processSingleton } from "../../process-singleton";
import { connection } from "../connection";

/**
 * Background work that must run on one instance at a time (the stats rollups, retention,
 * bulk replays, forwarding: issue 14), held by name:
 *
 *   const lock = jobLock("stats-rollups");        // wanted from now on, taken when free
 *   if (!(await lock.confirm())) return;          // before each piece of work
 *
 * On SQLite one process owns the file: every lock is held, `confirm()` answers true.
 * On PostgreSQL a lock is a **session advisory lock** (`pg_try_advisory_lock`) on one
 * dedicated connection per instance (docs/cluster.md, "Background work runs once"): the
 * server releases it the moment that session ends, so an instance that dies (SIGKILL
 * included; the kernel closes its socket) or whose connection is cut hands every lock it
 * held to the next instance that asks, and each waiting instance asks once a second.
 * The holder learns it lost them: the connection's end clears `held` and calls the
 * listeners at once, and `confirm()` is a round trip on that connection, so it answers
 * false once the session is gone, before the work starts. A connection that answers
 * nothing (a cut network) counts as lost after HEARTBEAT_TIMEOUT_MS, well before the
 * server's keepalives (SERVER_KEEPALIVE) end the session and free the lock elsewhere.
 *
 * What one piece of work does between a `confirm()` and the next may, after a lost
 * connection, overlap the next holder's first piece: work whose double run would count
 * twice makes its own writes safe under that (the rollups read their watermark under a
 * row lock in the transaction that advances it).
 */
export type JobLock = {
  /** Whether this instance holds it, as last known (no round trip). */
  readonly held: boolean;
  /** True only if this instance holds it now: on PostgreSQL, a round trip on the lock's connection. */
  confirm(): Promise<boolean>;
  /** Called with true when taken (at once if held already), false when lost; answers the unsubscribe. */
  onChange(listener: (held: boolean) => void): () => void;
  /** No longer wanted: released now, and taken by another instance within a second. */
  release(): void;
};

/** How often a waiting instance asks for the locks it wants, and a holder checks its session. */
export const RETRY_MS = 1_000;
/** A lock connection that answers nothing for this long is taken for lost. */
export const HEARTBEAT_TIMEOUT_MS = 2_000;
/** The session's TCP keepalives: a peer gone silently is dropped, and its locks freed, after
 *  about 5 + 3 × 1 s, later than the holder itself gives up (HEARTBEAT_TIMEOUT_MS). */
const SERVER_KEEPALIVE = `SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 1;
  SET tcp_keepalives_count = 3`;

/** The advisory lock's two int4 keys: "hljb" (job locks' own space, apart from the one-bigint
 *  locks of the migrations, the ingest and the default endpoint), and the name's FNV-1a hash. */
const JOB_SPACE = 0x686c6a62;

export function jobLockKey(name: string): [space: number, id: number] {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name, "utf8")) hash = Math.imul(hash ^ byte, 0x01000193);
  // Non-negative, so that pg_locks.objid (an oid, unsigned) shows the same number.
  return [JOB_SPACE, (hash >>> 0) & 0x7fffffff];
}

type Wanted = {
  name: string;
  key: [number, number];
  held: boolean;
  listeners: Set<(held: boolean) => void>;
};

/**
 * One instance's lock connection: the locks it wants, taken when free, kept while the
 * session lives. Every process has one (jobLock below); tests open several, one per
 * pretended instance.
 */
export class JobLocks {
  private readonly wanted = new Map<string, Wanted>();
  private client: pg.Client | null = null;
  private connecting = false;
  private ticking = false;
  private closed = false;
  /** Until when an instance that lost its session leaves the locks it held to the others. */
  private yieldingUntil = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly url: string) {
    this.timer = setInterval(() => void this.tick(), RETRY_MS);
    this.timer.unref();
  }

  lock(name: string): JobLock {
    if (this.wanted.has(name)) throw new Error(`job lock ${name} is already wanted here`);
    const wanted: Wanted = { name, key: jobLockKey(name), held: false, listeners: new Set() };
    this.wanted.set(name, wanted);
    void this.tick();
    return {
      get held() {
        return wanted.held;
      },
      confirm: () => this.confirm(wanted),
      onChange: (listener) => {
        wanted.listeners.add(listener);
        if (wanted.held) listener(true);
        return () => wanted.listeners.delete(listener);
      },
      release: () => this.release(wanted),
    };
  }

  /** Ends the session (every lock goes at once) and stops asking. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    const client = this.client;
    this.lose();
    await client?.end().catch(() => undefined);
  }

  private async confirm(wanted: Wanted): Promise<boolean> {
    const client = this.client;
    if (!wanted.held || !client) return false;
    try {
      await client.query("SELECT 1");
    } catch {
      if (this.client === client) this.lose();
    }
    return wanted.held;
  }

  private release(wanted: Wanted) {
    if (this.wanted.get(wanted.name) !== wanted) return;
    this.wanted.delete(wanted.name);
    const client = this.client;
    if (wanted.held && client) {
      client.query("SELECT pg_advisory_unlock($1, $2)", wanted.key).catch(() => this.lose());
    }
    this.set(wanted, false);
  }

  private set(wanted: Wanted, held: boolean) {
    if (wanted.held === held) return;
    wanted.held = held;
    for (const listener of [...wanted.listeners]) listener(held);
  }

  /** The session is gone (or taken for gone): nothing it held is held any longer. */
  private lose() {
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners("error");
      client.on("error", () => undefined);
      void client.end().catch(() => undefined);
    }
    // What it held goes to an instance that was waiting for it (each asks once a RETRY_MS),
    // not back to this one on its reconnect: the instance whose session broke is the
    // suspect one, and a holder should not keep a lock by losing it.
    if ([...this.wanted.values()].some((wanted) => wanted.held))
      this.yieldingUntil = Date.now() + RETRY_MS + RETRY_MS / 4;
    for (const wanted of this.wanted.values()) this.set(wanted, false);
  }

  private async connect(): Promise<pg.Client | null> {
    if (this.connecting) return null;
    this.connecting = true;
    const client = new pg.Client({
      connectionString: this.url,
      application_name: "hooklens-job-locks",
      query_timeout: HEARTBEAT_TIMEOUT_MS,
      keepAlive: true,
    });
    const lost = () => {
      if (this.client === client) this.lose();
    };
    client.on("error", lost);
    client.on("end", lost);
    try {
      await client.connect();
      await client.query(SERVER_KEEPALIVE);
    } catch {
      void client.end().catch(() => undefined);
      return null;
    } finally {
      this.connecting = false;
    }
    if (this.closed) {
      void client.end().catch(() => undefined);
      return null;
    }
    return (this.client = client);
  }

  /** Once a second (and when a lock is first wanted): ask for what is not held, or check the session. */
  private async tick() {
    if (this.ticking || this.closed || this.wanted.size === 0) return;
    this.ticking = true;
    try {
      const client = this.client ?? (await this.connect());
      if (!client) return;
      if (Date.now() < this.yieldingUntil) return;
      const waiting = [...this.wanted.values()].filter((wanted) => !wanted.held);
      if (waiting.length === 0) await client.query("SELECT 1");
      for (const wanted of waiting) {
        const result = await client.query<{ taken: boolean }>(
          "SELECT pg_try_advisory_lock($1, $2) AS taken",
          wanted.key,
        );
        if (this.client !== client) return;
        // Released while asking: give it back rather than hold what nobody wants.
        if (this.wanted.get(wanted.name) !== wanted) {
          if (result.rows[0]?.taken)
            await client.query("SELECT pg_advisory_unlock($1, $2)", wanted.key);
        } else if (result.rows[0]?.taken) this.set(wanted, true);
      }
    } catch {
      this.lose();
    } finally {
      this.ticking = false;
    }
  }
}

/** Every lock held, always: on SQLite one process owns the database file. */
function alwaysHeld(): JobLock {
  return {
    held: true,
    confirm: () => Promise.resolve(true),
    onChange: (listener) => {
      listener(true);
      return () => undefined;
    },
    release: () => undefined,
  };
}

const KEY = "jobLocks";

/** The process's lock `name`, wanted from now until released (one wanter of a name per process). */
export function jobLock(name: string): JobLock {
  const db = connection();
  if (db.engine === "sqlite") return alwaysHeld();
  const holder = processSingleton<{ current: JobLocks | null }>(KEY, () => ({ current: null }));
  return (holder.current ??= new JobLocks(db.url)).lock(name);
}

/** At shutdown: ends the process's lock session, so that other instances take over at once. */
export async function closeJobLocks(): Promise<void> {
  const holder = processSingleton<{ current: JobLocks | null }>(KEY, () => ({ current: null }));
  const current = holder.current;
  holder.current = null;
  await current?.close();
}
