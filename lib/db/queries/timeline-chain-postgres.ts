import type { TimelineMemory, TimelineStep } from "../../diff/build-timeline";
import { snapshotTime } from "../../diff/snapshot-order";
import type { KeptStepRow, TimelineChain, TimelineHeadRow } from "../../resources/kept-steps";
import type { ResourceDelivery } from "../../resources/resource-delivery";
import { clientRows } from "../sql-query";
import {
  chainSql,
  isObject,
  queryDeliveries,
  STEP_COLUMNS,
  type Db,
  type Json,
} from "./timeline-store-postgres";

/**
 * One chain's kept steps and the states they show, as lib/resources/kept-steps.ts reads
 * them on SQLite, with the steps added in this transaction (not written yet) and the
 * details of the deliveries in hand seen first.
 */
export class PostgresChain {
  readonly sql: ReturnType<typeof chainSql>;
  /** Steps added and not written yet, by delivery. */
  readonly pending = new Map<number, KeptStepRow>();
  /** The resource_details of deliveries in hand, by id: no body read again. */
  readonly details = new Map<number, unknown>();
  private readonly rows = new Map<number, KeptStepRow | null>();
  headKey: number | null = null;

  constructor(
    readonly db: Db,
    readonly chain: TimelineChain,
  ) {
    this.sql = chainSql(chain);
  }

  async head(): Promise<TimelineHeadRow | undefined> {
    const { heads, where, key, whole } = this.sql;
    const [row] = await clientRows<TimelineHeadRow>(
      this.db,
      `SELECT key, through_id, state_from, newest_time, endpoint_id,
         ${whole ? "mixed_endpoints::int AS mixed_endpoints," : ""} steps, invalid_steps
       FROM ${heads} WHERE ${where}`,
      key,
    );
    this.headKey = row?.key ?? null;
    return row;
  }

  /** The kept step of this delivery, if it is one of this chain's (valid or not). */
  async step(deliveryId: number): Promise<KeptStepRow | undefined> {
    const added = this.pending.get(deliveryId);
    if (added) return added;
    if (this.headKey === null) return undefined;
    let row = this.rows.get(deliveryId);
    if (row === undefined) {
      [row = null] = await clientRows<KeptStepRow>(
        this.db,
        `SELECT ${STEP_COLUMNS} FROM ${this.sql.steps} WHERE head = $1 AND delivery_id = $2`,
        [this.headKey, deliveryId],
      );
      this.rows.set(deliveryId, row);
    }
    return row ?? undefined;
  }

  /** Which of these deliveries have a kept step. */
  async keptOf(ids: number[]): Promise<Set<number>> {
    if (this.headKey === null || ids.length === 0) return new Set();
    const rows = await clientRows<{ delivery_id: number }>(
      this.db,
      `SELECT delivery_id FROM ${this.sql.steps} WHERE head = $1 AND delivery_id = ANY($2::bigint[])`,
      [this.headKey, ids],
    );
    return new Set(rows.map((row) => row.delivery_id));
  }

  /** What the delivery itself carried, read from its stored body. */
  async snapshotOf(deliveryId: number): Promise<Json | null> {
    let details = this.details.get(deliveryId);
    if (details === undefined) {
      const [delivery] = await queryDeliveries(
        this.db,
        ["id = @id"],
        { id: deliveryId },
        { cached: true },
      );
      details = delivery?.resourceDetails ?? null;
    }
    return isObject(details) ? details : null;
  }

  private async ownState(row: KeptStepRow | undefined, deliveryId: number) {
    if (row?.state) return JSON.parse(row.state) as Json;
    return this.snapshotOf(deliveryId);
  }

  async stateOfStep(row: KeptStepRow): Promise<Json | null> {
    if (row.state_of === null) return null;
    if (row.state_of === row.delivery_id) return this.ownState(row, row.delivery_id);
    return this.ownState(await this.step(row.state_of), row.state_of);
  }

  /** The state the step `deliveryId` shows, when it is a kept valid step. */
  async stateAt(deliveryId: number): Promise<Json | null | undefined> {
    const row = await this.step(deliveryId);
    return row && !row.invalid ? this.stateOfStep(row) : undefined;
  }

  /** The latest-arrived snapshot the history took at or before `time`, with its state. */
  async historyBefore(time: number) {
    let best: KeptStepRow | undefined;
    if (this.headKey !== null) {
      [best] = await clientRows<KeptStepRow>(
        this.db,
        `SELECT ${STEP_COLUMNS} FROM ${this.sql.steps} WHERE head = $1 AND snapshot_time <= $2
         ORDER BY snapshot_time DESC, delivery_id DESC LIMIT 1`,
        [this.headKey, time],
      );
    }
    for (const row of this.pending.values()) {
      if (row.snapshot_time === null || row.snapshot_time > time) continue;
      const later =
        !best ||
        row.snapshot_time > best.snapshot_time! ||
        (row.snapshot_time === best.snapshot_time && row.delivery_id > best.delivery_id);
      if (later) best = row;
    }
    const state = best && (await this.stateOfStep(best));
    return best && state
      ? { time: best.snapshot_time!, deliveryId: best.delivery_id, state }
      : undefined;
  }

  /** Writes the steps added, in one statement (the counting triggers fire per row). */
  async flush() {
    const rows = [...this.pending.values()];
    this.pending.clear();
    if (rows.length === 0) return;
    const column = <K extends keyof KeptStepRow>(name: K) => rows.map((row) => row[name]);
    await this.db.query(
      `INSERT INTO ${this.sql.steps} (delivery_id, head, invalid, flags, compared_to, diff,
         diff_dictionary, state_of, state, snapshot_time)
       SELECT * FROM unnest($1::bigint[], $2::int[], $3::boolean[], $4::int[], $5::bigint[],
         $6::bytea[], $7::int[], $8::bigint[], $9::text[], $10::bigint[])`,
      [
        column("delivery_id"),
        column("head"),
        rows.map((row) => row.invalid === 1),
        column("flags"),
        column("compared_to"),
        column("diff"),
        column("diff_dictionary"),
        column("state_of"),
        column("state"),
        column("snapshot_time"),
      ],
    );
    for (const row of rows) this.rows.set(row.delivery_id, row);
  }
}

/**
 * The timeline's memory (lib/resources/kept-steps.ts timelineMemory) over a PostgreSQL
 * chain: `prepare(delivery)` reads, before each add, what the Timeline may then ask
 * synchronously: the state of the delivery it re-sends, and the snapshot before it when it
 * is older than the newest seen.
 */
export async function chainMemory(kept: PostgresChain, head: TimelineHeadRow | undefined) {
  let newest = head?.newest_time ?? null;
  const stateFrom = head?.state_from ?? null;
  const fromRow = stateFrom === null ? undefined : await kept.step(stateFrom);
  const accepted = new Map<number, Json | null | undefined>();
  const before = new Map<number, Awaited<ReturnType<PostgresChain["historyBefore"]>>>();
  const read = <K, V>(map: Map<K, V>, key: K): V => {
    if (!map.has(key)) throw new Error("timeline memory: asked for what was not read first");
    return map.get(key)!;
  };
  const memory: TimelineMemory = {
    stateFrom,
    state: fromRow ? await kept.stateOfStep(fromRow) : null,
    history: {
      isBehind: (time) => newest !== null && time < newest,
      before: (time) => read(before, time),
      add: ({ time }) => {
        if (newest === null || time > newest) newest = time;
      },
    },
    acceptedState: (deliveryId) => read(accepted, deliveryId),
    // The step's row, held in `pending` right after, is what later deliveries read.
    accept: () => {},
  };
  const prepare = async (delivery: ResourceDelivery) => {
    accepted.clear();
    before.clear();
    if (delivery.signature === "invalid") return;
    if (delivery.duplicateOf !== null) {
      accepted.set(delivery.duplicateOf, await kept.stateAt(delivery.duplicateOf));
    }
    if (!isObject(delivery.resourceDetails)) return;
    const time = snapshotTime(delivery.resourceDetails);
    if (time !== null && newest !== null && time < newest) {
      before.set(time, await kept.historyBefore(time));
    }
  };
  return { memory, prepare, newestTime: () => newest };
}

/** Where this step's state is kept (extend-timeline.ts stateSource, read async). */
export async function stateSource(
  kept: PostgresChain,
  step: TimelineStep<ResourceDelivery>,
  previousStateFrom: number | null,
): Promise<{ state_of: number | null; state: string | null }> {
  if (step.duplicate) {
    return { state_of: (await kept.step(step.comparedTo!))?.state_of ?? null, state: null };
  }
  if (step.snapshot === null)
    return { state_of: step.state ? previousStateFrom : null, state: null };
  const merged = step.state !== step.snapshot;
  return { state_of: step.delivery.id, state: merged ? JSON.stringify(step.state) : null };
}
