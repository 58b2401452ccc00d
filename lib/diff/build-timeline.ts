import { BARE_ROW_ACTIONS } from "../cloudpods/vocabulary";
import { diffResourceDetails, type DiffEntry, type DiffOptions } from "./diff-resource-details";
import { SnapshotHistory, snapshotTime } from "./snapshot-order";

type Json = Record<string, unknown>;

/** How two snapshots are compared: diffResourceDetails, or a memo of it. */
export type DiffSnapshots = (before: Json, after: Json) => DiffEntry[];

export type TimelineOptions = DiffOptions & { diff?: DiffSnapshots };

/** What the timeline needs to know of one delivery about the resource. */
export type TimelineDelivery = {
  id: number;
  action: string | null;
  result: string | null;
  /** valid | invalid | unsigned: invalid deliveries never enter the timeline. */
  signature: string;
  /** The earlier delivery with the same bytes at the same endpoint, if any. */
  duplicateOf: number | null;
  /** The parsed resource_details, or null when the delivery carried none. */
  resourceDetails: unknown;
};

export type TimelineStep<D extends TimelineDelivery = TimelineDelivery> = {
  delivery: D;
  /** Changes since the snapshot named by `comparedTo`; null when there is nothing to compare. */
  diff: DiffEntry[] | null;
  comparedTo: number | null;
  /** The first snapshot of the resource: nothing to compare with. */
  first: boolean;
  /** The same bytes as the earlier delivery `comparedTo`: a re-send, not a change. */
  duplicate: boolean;
  /** delete or sync_delete: the diff holds only the fields of the bare row it carries. */
  deletion: boolean;
  /** Taken before a snapshot that already arrived: compared with its real predecessor. */
  outOfOrder: boolean;
  /** A new delivery whose resource_details equal the previous snapshot's. */
  unchanged: boolean;
  /** What this delivery carried (null when nothing, or for a duplicate). */
  snapshot: Json | null;
  /**
   * The whole resource as this step shows it: its own snapshot; for a bare row, the row
   * laid over the state before it; for a duplicate, its original's; for a delivery
   * without details, the state before it.
   */
  state: Json | null;
};

export type ResourceTimeline<D extends TimelineDelivery = TimelineDelivery> = {
  steps: TimelineStep<D>[];
  /** The latest known state: a late, stale snapshot never rolls it back. */
  state: Json | null;
  /** The delivery that state comes from. */
  stateFrom: number | null;
};

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function step<D extends TimelineDelivery>(delivery: D, fields: Partial<TimelineStep<D>>) {
  return {
    delivery,
    diff: null,
    comparedTo: null,
    first: false,
    duplicate: false,
    deletion: false,
    outOfOrder: false,
    unchanged: false,
    snapshot: null,
    state: null,
    ...fields,
  } satisfies TimelineStep<D>;
}

type Snapshot = { id: number; details: Json; time: number | null; bareRow: boolean };

/** The snapshots a timeline has seen, by the time they were taken (see snapshot-order.ts). */
export type TimelineHistory = Pick<SnapshotHistory, "isBehind" | "before" | "add">;

/**
 * What a timeline remembers of the steps so far: all it needs to add the next one. In
 * memory for a timeline built at once; the keeper (lib/resources/keep-timeline-steps.ts)
 * reads it from the steps it kept, so that it extends a timeline one delivery at a time
 * with the very rules below.
 */
export type TimelineMemory = {
  state: Json | null;
  stateFrom: number | null;
  history: TimelineHistory;
  /** The state the step of this delivery showed; undefined when it is not a step. */
  acceptedState(deliveryId: number): Json | null | undefined;
  accept(deliveryId: number, state: Json | null): void;
};

export function inMemoryTimeline(): TimelineMemory {
  const accepted = new Map<number, Json | null>();
  return {
    state: null,
    stateFrom: null,
    history: new SnapshotHistory(),
    acceptedState: (deliveryId) => accepted.get(deliveryId),
    accept: (deliveryId, state) => void accepted.set(deliveryId, state),
  };
}

/** Walks the deliveries in arrival order, keeping the state they add up to. */
export class Timeline<D extends TimelineDelivery> {
  private readonly diff: DiffSnapshots;

  constructor(
    options: TimelineOptions = {},
    readonly memory: TimelineMemory = inMemoryTimeline(),
  ) {
    const { diff, ...diffOptions } = options;
    this.diff = diff ?? ((before, after) => diffResourceDetails(before, after, diffOptions));
  }

  /** The step this delivery adds; null for an invalid signature, which is never a step. */
  add(delivery: D): TimelineStep<D> | null {
    if (delivery.signature === "invalid") return null;
    const added = this.stepFor(delivery);
    this.memory.accept(delivery.id, added.state);
    return added;
  }

  private stepFor(delivery: D): TimelineStep<D> {
    const { id, duplicateOf, action } = delivery;
    const state = this.memory.state;
    const original = duplicateOf === null ? undefined : this.memory.acceptedState(duplicateOf);
    if (original !== undefined) {
      return step(delivery, { duplicate: true, comparedTo: duplicateOf, state: original });
    }
    if (!isObject(delivery.resourceDetails)) return step(delivery, { state });
    const details = delivery.resourceDetails;
    const time = snapshotTime(details);
    const bareRow = action !== null && BARE_ROW_ACTIONS.has(action);
    const snapshot: Snapshot = { id, details, time, bareRow };
    const outOfOrder = state !== null && time !== null && this.memory.history.isBehind(time);
    if (outOfOrder && !bareRow) return this.lateStep(delivery, snapshot);
    const deletion = bareRow && delivery.result !== "failed";
    return { ...this.nextStep(delivery, snapshot), deletion, outOfOrder };
  }

  /** A stale snapshot: compared with what preceded it; the latest state stays as it is. */
  private lateStep(delivery: D, { id, details, time }: Snapshot): TimelineStep<D> {
    const predecessor = this.memory.history.before(time!);
    this.memory.history.add({ time: time!, deliveryId: id, state: details });
    return step(delivery, {
      outOfOrder: true,
      snapshot: details,
      state: details,
      diff: predecessor ? this.diff(predecessor.state, details) : null,
      comparedTo: predecessor?.deliveryId ?? null,
    });
  }

  /** A snapshot that moves the state on: compared with the state before it. */
  private nextStep(delivery: D, { id, details, time, bareRow }: Snapshot): TimelineStep<D> {
    const { memory } = this;
    const previous = memory.state;
    const comparedTo = memory.stateFrom;
    // A bare row lacks most of the details view: it updates only the fields it has.
    const state = bareRow && previous ? { ...previous, ...details } : details;
    memory.state = state;
    memory.stateFrom = id;
    if (time !== null) memory.history.add({ time, deliveryId: id, state });
    if (!previous) return step(delivery, { first: true, snapshot: details, state });
    let diff = this.diff(previous, details);
    if (bareRow)
      diff = diff.filter((entry) => !(entry.op === "removed" && entry.path.length === 1));
    const unchanged = diff.length === 0 && !bareRow;
    return step(delivery, { diff, comparedTo, unchanged, snapshot: details, state });
  }
}

/**
 * Turns one resource's deliveries, oldest first, into its timeline. Each step is compared
 * with the latest state known before it, except a snapshot older than one already seen
 * (by its `updated_at`), which is compared with the snapshot that really preceded it and
 * leaves the state as it was: a late, stale snapshot must not roll the resource back.
 */
export function buildTimeline<D extends TimelineDelivery>(
  deliveries: readonly D[],
  options: TimelineOptions = {},
): ResourceTimeline<D> {
  const timeline = new Timeline<D>(options);
  const steps: TimelineStep<D>[] = [];
  for (const delivery of deliveries) {
    const added = timeline.add(delivery);
    if (added) steps.push(added);
  }
  const { state, stateFrom } = timeline.memory;
  return { steps, state, stateFrom };
}
