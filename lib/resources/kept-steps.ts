import type Database from "better-sqlite3";
import type { TimelineMemory } from "../diff/build-timeline";
import { cachedStatement } from "../db/cached-statement";
import { loadDelivery } from "./load-resource-deliveries";
import type { StoredDiff } from "./step-diff";

type Json = Record<string, unknown>;

export type ResourceRef = { resourceType: string; resourceId: string };

/** One kept timeline of a resource: its whole history, or (endpointId) one endpoint's, kept
 *  beside the whole once several endpoints sent the resource (keep-endpoint-timelines.ts). */
export type TimelineChain = ResourceRef & { endpointId?: string };

/** A resource as the timeline API names it, with the feed's endpoint filter if any. */
export type ResourceKey = TimelineChain;

/** Where a chain's steps and head are kept, and how its head is found (@type, @id, @endpoint). */
export type ChainTables = { steps: string; heads: string; head: string };

export const WHOLE_CHAIN_TABLES: ChainTables = {
  steps: "timeline_steps",
  heads: "timeline_heads",
  head: "resource_type = @type AND resource_id = @id",
};

export const ENDPOINT_CHAIN_TABLES: ChainTables = {
  steps: "timeline_endpoint_steps",
  heads: "timeline_endpoint_heads",
  head: "resource_type = @type AND resource_id = @id AND endpoint_id = @endpoint",
};

export function chainTables(chain: TimelineChain): ChainTables {
  return chain.endpointId === undefined ? WHOLE_CHAIN_TABLES : ENDPOINT_CHAIN_TABLES;
}

/** The named parameters chainTables' `head` condition takes. */
export function chainKey(chain: TimelineChain): Record<string, string> {
  const key: Record<string, string> = { type: chain.resourceType, id: chain.resourceId };
  if (chain.endpointId !== undefined) key.endpoint = chain.endpointId;
  return key;
}

/** A row of timeline_steps (see prisma/schema.prisma). */
export type KeptStepRow = StoredDiff & {
  delivery_id: number;
  head: number;
  invalid: number;
  flags: number;
  compared_to: number | null;
  state_of: number | null;
  state: string | null;
  snapshot_time: number | null;
};

/** A row of timeline_heads (or timeline_endpoint_heads): where the keeper left a chain. */
export type TimelineHeadRow = {
  key: number;
  through_id: number;
  state_from: number | null;
  newest_time: number | null;
  endpoint_id: string;
  /** Whole timelines only: whether several endpoints sent the resource. */
  mixed_endpoints?: number;
  /** Its kept valid steps, and invalid signatures (kept by triggers). */
  steps: number;
  invalid_steps: number;
};

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads kept steps and the states they show: a step's state is its own snapshot, the
 * merged state it kept, or that of the step named by state_of, so any step's state costs
 * one or two rows and at most one body, however long the history before it.
 */
export function keptSteps(db: Database.Database, chain: TimelineChain) {
  const key = chainKey(chain);
  const tables = chainTables(chain);
  const headKey = `(SELECT key FROM ${tables.heads} WHERE ${tables.head})`;
  const stepOf = cachedStatement(
    db,
    `SELECT * FROM ${tables.steps} WHERE delivery_id = @deliveryId AND head = ${headKey}`,
  );
  const latestAtOrBefore = cachedStatement(
    db,
    `SELECT * FROM ${tables.steps} WHERE head = ${headKey} AND snapshot_time <= @time
     ORDER BY snapshot_time DESC, delivery_id DESC LIMIT 1`,
  );
  const headOf = cachedStatement(db, `SELECT * FROM ${tables.heads} WHERE ${tables.head}`);

  /** What the delivery itself carried, read from its stored body. */
  const snapshotOf = (deliveryId: number): Json | null => {
    const details = loadDelivery(db, deliveryId)?.resourceDetails;
    return isObject(details) ? details : null;
  };

  /** The state of a step whose own row holds it (state_of points at such rows only). */
  const ownState = (row: KeptStepRow | undefined, deliveryId: number): Json | null => {
    if (row?.state) return JSON.parse(row.state) as Json;
    return snapshotOf(deliveryId);
  };

  const step = (deliveryId: number) =>
    stepOf.get({ ...key, deliveryId }) as KeptStepRow | undefined;

  const stateOfStep = (row: KeptStepRow): Json | null => {
    if (row.state_of === null) return null;
    if (row.state_of === row.delivery_id) return ownState(row, row.delivery_id);
    return ownState(step(row.state_of), row.state_of);
  };

  return {
    head: () => headOf.get(key) as TimelineHeadRow | undefined,
    /** The kept step of this delivery, if it is one of this resource's (valid or not). */
    step,
    stateOfStep,
    snapshotOf,
    /** The state the step `deliveryId` shows, when it is a kept valid step. */
    stateAt: (deliveryId: number): Json | null | undefined => {
      const row = step(deliveryId);
      return row && !row.invalid ? stateOfStep(row) : undefined;
    },
    /** The latest-arrived snapshot the history took at or before `time`. */
    historyBefore: (time: number) =>
      latestAtOrBefore.get({ ...key, time }) as KeptStepRow | undefined,
  };
}

export type KeptSteps = ReturnType<typeof keptSteps>;

/** The timeline's memory, read from the steps kept so far (and the ones added meanwhile). */
export function timelineMemory(
  kept: KeptSteps,
): TimelineMemory & { newestTime: () => number | null } {
  const head = kept.head();
  let newest = head?.newest_time ?? null;
  const stateFrom = head?.state_from ?? null;
  const fromRow = stateFrom === null ? undefined : kept.step(stateFrom);
  return {
    stateFrom,
    state: fromRow ? kept.stateOfStep(fromRow) : null,
    history: {
      isBehind: (time) => newest !== null && time < newest,
      before: (time) => {
        const row = kept.historyBefore(time);
        const state = row && kept.stateOfStep(row);
        return row && state
          ? { time: row.snapshot_time!, deliveryId: row.delivery_id, state }
          : undefined;
      },
      add: ({ time }) => {
        if (newest === null || time > newest) newest = time;
      },
    },
    acceptedState: (deliveryId) => kept.stateAt(deliveryId),
    // The step's row, written right after, is what later deliveries read.
    accept: () => {},
    newestTime: () => newest,
  };
}
