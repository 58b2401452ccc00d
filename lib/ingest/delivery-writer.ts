import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";
import { BARE_ROW_ACTIONS } from "../cloudpods/vocabulary";
import { publishDeliveries } from "../live/delivery-bus";
import { summaryFromRecord } from "../events/delivery-summary";
import type { DeliveryRecord, StoredDelivery } from "./delivery-record";
import { RECORD_COLUMNS } from "../db/queries/delivery-columns";
import { RecentBodies } from "./recent-bodies";
import { reportWriteLockWait } from "./receiver-pressure";

type Pending = {
  record: DeliveryRecord;
  resolve: (stored: StoredDelivery) => void;
  reject: (error: unknown) => void;
};

const MAX_BATCH = 512;
/** How soon a batch that found the write lock taken tries again. */
const LOCK_RETRY_MS = 1;
const lockBusy = (error: unknown) =>
  error instanceof Error && "code" in error && error.code === "SQLITE_BUSY";

export type WrittenDelivery = { record: DeliveryRecord; stored: StoredDelivery };

/** The platform's retry cron re-sends a failed delivery about every 60 s, about twice:
 *  an identical body within this window is its re-send. Outside it (or for validation
 *  messages, which are never retried) identical bytes are a new message that happens to
 *  repeat, such as the same template text for the same kind of event. */
export const DUPLICATE_WINDOW_MS = 15 * 60_000;

/** The deliveries of the re-send window, read at start (DeliveryWriter.loadRecentBodies). */
export const RECENT_BODIES_SQL = `SELECT id, endpoint_id AS endpointId, body_hash AS bodyHash,
  coalesce(duplicate_of, id) AS rootId, received_at AS receivedAt FROM deliveries
  WHERE received_at >= ? AND kind <> 'verification'`;

/**
 * Group commit: deliveries that arrive while a batch is being written wait for the next
 * one, and every batch is one transaction. A request is answered only after its batch
 * has committed, so a 200 always means durable, while one commit serves many requests.
 */
export class DeliveryWriter {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly insertDelivery: Database.Statement;
  private readonly insertContent: Database.Statement;
  private readonly recent = new RecentBodies(DUPLICATE_WINDOW_MS);
  private undo: Array<() => void> = [];
  private readonly upsertResource: Database.Statement;
  private readonly countResend: Database.Statement;
  private readonly writeBatch: Database.Transaction<(batch: Pending[]) => StoredDelivery[]>;
  /** The connection's busy_timeout, set back after each commit that did without it. */
  private readonly busyTimeout: number;
  /** Since when the queue's first batch has found the write lock taken. */
  private lockedSince: number | null = null;

  /** windowMs: how long the first delivery of a batch waits for others to join it. A
   *  couple of milliseconds lets each commit serve more deliveries under load, where the
   *  commit, not the wait, dominates latency.
   *  inTransaction: steps that write more for a batch's deliveries in its transaction
   *  (forwards queued by lib/forwarding), so that they commit or roll back with them; once
   *  per batch, so that a step can write all of its rows in one statement. */
  constructor(
    private readonly db: Database.Database,
    private readonly windowMs = 0,
    private readonly inTransaction: Array<(written: WrittenDelivery[]) => void> = [],
  ) {
    this.insertDelivery = db.prepare(`INSERT INTO deliveries (received_at, duplicate_of,
      ${RECORD_COLUMNS.map(([column]) => column).join(", ")})
      VALUES (?, ?, ${RECORD_COLUMNS.map(() => "?").join(", ")})`);
    this.insertContent = db.prepare(`INSERT INTO delivery_contents (delivery_id, encoding,
      headers, body) VALUES (?, ?, ?, ?)`);
    this.upsertResource = db.prepare(`INSERT INTO resources (resource_type, resource_id,
      resource_name, status, last_action, last_result, last_event_id, endpoint_id,
      first_seen_at, last_seen_at, delivery_count, deleted)
      VALUES (@resourceType, @resourceId, @resourceName, @status, @action, @result, @id,
      @endpointId, @receivedAt, @receivedAt, 1, @deleted)
      ON CONFLICT (resource_type, resource_id) DO UPDATE SET
        resource_name = coalesce(excluded.resource_name, resource_name),
        status = coalesce(excluded.status, status),
        last_action = excluded.last_action, last_result = excluded.last_result,
        last_event_id = excluded.last_event_id, endpoint_id = excluded.endpoint_id,
        last_seen_at = excluded.last_seen_at, delivery_count = delivery_count + 1,
        deleted = excluded.deleted`);
    // A re-send says nothing new about the resource: it only counts as a delivery seen.
    this.countResend = db.prepare(`UPDATE resources SET last_seen_at = ?,
      delivery_count = delivery_count + 1 WHERE resource_type = ? AND resource_id = ?`);
    this.writeBatch = db.transaction((batch: Pending[]) => {
      const stored = batch.map((pending) => this.writeOne(pending));
      if (this.inTransaction.length > 0) {
        const written = batch.map(({ record }, i) => ({ record, stored: stored[i]! }));
        for (const step of this.inTransaction) step(written);
      }
      return stored;
    });
    this.busyTimeout = db.pragma("busy_timeout", { simple: true }) as number;
    this.loadRecentBodies();
  }

  /** What arrived in the last window before a restart still counts for re-sends, read by
   *  received_at's index (`ORDER BY id` walked all of it: 0.6-10.8 s at 1M deliveries). */
  private loadRecentBodies() {
    type Recent = { id: number; endpointId: string; bodyHash: string; rootId: number };
    const cutoff = Date.now() - DUPLICATE_WINDOW_MS;
    const rows = this.db.prepare(RECENT_BODIES_SQL).all(cutoff) as Array<
      Recent & { receivedAt: number }
    >;
    rows.sort((a, b) => a.id - b.id);
    for (const row of rows)
      this.recent.remember(`${row.endpointId}:${row.bodyHash}`, row.rootId, row.receivedAt);
  }

  /** A re-send of a re-send points at the first of the chain; validations are never re-sent. */
  private findDuplicate(
    record: DeliveryRecord,
  ): { key: string; duplicateOf: number | null } | null {
    if (record.kind === "verification") return null;
    const key = `${record.endpointId}:${record.bodyHash}`;
    return { key, duplicateOf: this.recent.find(key, record.receivedAt) };
  }

  private writeOne({ record }: Pending): StoredDelivery {
    const seen = this.findDuplicate(record);
    const duplicateOf = seen?.duplicateOf ?? null;
    const values: unknown[] = [record.receivedAt, duplicateOf];
    for (const [, , value] of RECORD_COLUMNS) values.push(value(record));
    const info = this.insertDelivery.run(values);
    const id = Number(info.lastInsertRowid);
    if (seen) this.undo.push(this.recent.remember(seen.key, duplicateOf ?? id, record.receivedAt));
    this.insertContent.run(id, record.encoding, record.headers, record.body);
    if (record.kind === "event" && record.resourceType && record.resourceId) {
      if (record.signature !== "invalid") {
        const resend =
          duplicateOf !== null &&
          this.countResend.run(record.receivedAt, record.resourceType, record.resourceId).changes >
            0;
        const deletion = record.action !== null && BARE_ROW_ACTIONS.has(record.action);
        if (!resend) {
          this.upsertResource.run({
            ...record,
            id,
            status: record.resourceStatus,
            deleted: deletion && record.result !== "failed" ? 1 : 0,
          });
        }
      }
    }
    return { id, duplicateOf };
  }

  write(record: DeliveryRecord): Promise<StoredDelivery> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (this.queue.length >= MAX_BATCH && this.lockedSince === null) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        if (this.windowMs > 0) setTimeout(() => this.flush(), this.windowMs);
        else setImmediate(() => this.flush());
      }
    });
  }

  /** wait (at shutdown): for the write lock, in the busy handler, instead of trying later. */
  flush(wait = false) {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    // Only the commit sits in the try: whatever happens after it (a live listener that
    // throws) must never send an already committed batch through the row-by-row retry.
    let stored: StoredDelivery[] | null = null;
    try {
      stored = wait ? this.commit(batch) : this.commitWithoutWaiting(batch);
    } catch (error) {
      if (!wait && lockBusy(error)) return this.retryWhenFree(batch);
      // One bad row must not fail its neighbours: write them one transaction each.
      this.commitOneByOne(batch);
      return;
    }
    if (this.lockedSince !== null) reportWriteLockWait(performance.now() - this.lockedSince);
    this.lockedSince = null;
    this.settle(batch, stored);
  }

  /**
   * Another connection holds the write lock (the payload index's worker, which writes on
   * its own connection: lib/search): the batch goes back to the queue's head and the loop
   * serves requests meanwhile, instead of sleeping in SQLite's busy handler for up to the
   * other's whole transaction. Deliveries that arrive meanwhile join the batch.
   */
  private retryWhenFree(batch: Pending[]) {
    this.lockedSince ??= performance.now();
    this.queue = batch.concat(this.queue);
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => this.flush(), LOCK_RETRY_MS);
  }

  /** The transaction takes the write lock first (BEGIN IMMEDIATE), so that a batch finds
   *  it taken before it has written anything. A prepared PRAGMA takes effect when it is
   *  prepared, not when it runs: exec (1.7 µs) each time. */
  private commitWithoutWaiting(batch: Pending[]): StoredDelivery[] {
    this.db.exec("PRAGMA busy_timeout = 0");
    try {
      return this.commit(batch, (pending) => this.writeBatch.immediate(pending));
    } finally {
      this.db.exec(`PRAGMA busy_timeout = ${this.busyTimeout}`);
    }
  }

  private commitOneByOne(batch: Pending[]) {
    for (const pending of batch) {
      let stored: StoredDelivery[];
      try {
        stored = this.commit([pending]);
      } catch (error) {
        pending.reject(error);
        continue;
      }
      this.settle([pending], stored);
    }
  }

  /** One transaction; a rolled-back batch also takes back what it told RecentBodies. */
  private commit(
    batch: Pending[],
    write: (batch: Pending[]) => StoredDelivery[] = this.writeBatch,
  ): StoredDelivery[] {
    this.undo = [];
    try {
      return write(batch);
    } catch (error) {
      for (const undo of this.undo.reverse()) undo();
      throw error;
    } finally {
      this.undo = [];
    }
  }

  private settle(batch: Pending[], stored: StoredDelivery[]) {
    batch.forEach((pending, i) => pending.resolve(stored[i]!));
    publishDeliveries(batch.map((p, i) => summaryFromRecord(p.record, stored[i]!)));
  }
}
