import type pg from "pg";
import { compileRules, orderKey, ruleIdsMatching } from "../../forwarding/queue-forwards";
import { toActiveRule, type ActiveRule } from "../../forwarding/forward-rules-cache";
import { clientRows } from "../sql-query";
import { MS } from "./dialect";
import type { NewJob } from "./forwarding";
import { enqueuePostgres, inTransaction, pool } from "./forwarding-jobs-postgres";
import { matchingIdsPostgres } from "./search-postgres";
import { ID_HOLDERS, settle, type Settling } from "./stats-rollups-postgres";

/**
 * Forwarding's queue on PostgreSQL (docs/cluster.md, "Forwarding across instances").
 * SQLite's receiver appends each matching delivery to the forwarding inbox in its own
 * transaction; PostgreSQL's writer queues nothing (lib/db/queries/delivery-writer-postgres.ts
 * is left alone): the deliveries table is the inbox, read by id above a watermark, the
 * settings row `forward_queued_through`. A step holds that row FOR UPDATE, reads the
 * deliveries up to the newest *settled* id (the stats rollups' rule: an id drawn by a
 * transaction still open may commit below one already visible, so the watermark waits for
 * those transactions to end; stats-rollups-postgres.ts), matches them against the enabled
 * rules and inserts their jobs, and moves the row, all in one transaction: every delivery
 * is queued once, whoever runs the step (the sending instance, or the API of any instance
 * asking for a delivery's forwards). The row is made when the first rule is, at the newest
 * delivery then: what was stored before is not forwarded.
 */

/** The settings row that holds the last delivery id the queue has read. */
export const QUEUED_THROUGH = "forward_queued_through";

/** Deliveries read per queueing step. */
export const QUEUE_CHUNK = 500;

const settlings = new WeakMap<pg.Pool, Settling>();

function settling(of: pg.Pool): Settling {
  let state = settlings.get(of);
  if (!state) settlings.set(of, (state = { settled: 0, candidate: null }));
  return state;
}

/** The queue's watermark, at the newest delivery, unless it exists already. */
export async function ensureForwardQueue() {
  await pool().query(
    `INSERT INTO settings (key, value, updated_at)
     SELECT $1, coalesce(max(id), 0)::text, now() FROM deliveries
     ON CONFLICT (key) DO NOTHING`,
    [QUEUED_THROUGH],
  );
}

type QueuedDelivery = {
  id: number;
  endpoint_id: string;
  kind: string;
  resource_type: string | null;
  resource_id: string | null;
  action: string | null;
  result: string | null;
  signature: string;
  duplicate_of: number | null;
  received_at: number;
};

export const ENABLED_RULES = `SELECT id, filter, paused::int AS paused, concurrency FROM forward_rules
  WHERE enabled ORDER BY id`;

/** The jobs a run of deliveries makes for these rules, in delivery order. */
async function jobsFor(client: pg.PoolClient, rules: ActiveRule[], rows: QueuedDelivery[]) {
  const matchers = compileRules(rules);
  const searched = new Map<string, Set<number>>();
  for (const q of new Set(matchers.flatMap((rule) => (rule.q ? [rule.q] : [])))) {
    searched.set(
      q,
      await matchingIdsPostgres(
        client,
        rows.map((row) => row.id),
        q,
      ),
    );
  }
  const jobs: NewJob[] = [];
  for (const row of rows) {
    const fields = {
      endpointId: row.endpoint_id,
      kind: row.kind,
      resourceType: row.resource_type,
      action: row.action,
      result: row.result,
      signature: row.signature,
      resourceId: row.resource_id,
      duplicate: row.duplicate_of !== null,
      receivedAt: row.received_at,
    };
    const key = orderKey(row.resource_type, row.resource_id, row.id);
    for (const ruleId of ruleIdsMatching(matchers, fields, (q) => searched.get(q)!.has(row.id)))
      jobs.push({ ruleId, deliveryId: row.id, orderKey: key, now: row.received_at });
  }
  return jobs;
}

export type QueueStep = { queued: number; through: number; more: boolean; waiting: boolean };

/** One queueing step: the deliveries above the watermark up to the newest settled id (at
 *  most `chunk`) become their rules' jobs, and the watermark moves, in one transaction. */
async function queueStep(chunk: number): Promise<QueueStep> {
  const state = settling(pool());
  return inTransaction(async (client) => {
    const [mark] = await clientRows<{ value: string }>(
      client,
      "SELECT value FROM settings WHERE key = $1 FOR UPDATE",
      [QUEUED_THROUGH],
    );
    if (!mark) return { queued: 0, through: 0, more: false, waiting: false };
    const from = Number(mark.value);
    const [top] = await clientRows<{ newest: number }>(
      client,
      "SELECT coalesce(max(id), 0) AS newest FROM deliveries",
    );
    const holders = await clientRows<{ vxid: string }>(client, ID_HOLDERS);
    settle(state, top?.newest ?? 0, new Set(holders.map((holder) => holder.vxid)));
    const to = Math.max(from, Math.min(state.settled, from + chunk));
    let queued = 0;
    if (to > from) {
      const rules = (await clientRows<ActiveRuleRow>(client, ENABLED_RULES)).map(toActiveRule);
      if (rules.length > 0) {
        const rows = await clientRows<QueuedDelivery>(
          client,
          `SELECT id, endpoint_id, kind, resource_type, resource_id, action, result, signature,
             duplicate_of, ${MS("received_at")} AS received_at
             FROM deliveries WHERE id > $1 AND id <= $2 ORDER BY id`,
          [from, to],
        );
        const jobs = await jobsFor(client, rules, rows);
        await enqueuePostgres(client, jobs);
        queued = jobs.length;
      }
      await client.query("UPDATE settings SET value = $2, updated_at = now() WHERE key = $1", [
        QUEUED_THROUGH,
        String(to),
      ]);
    }
    return {
      queued,
      through: to,
      more: to < state.settled,
      waiting: state.candidate !== null,
    };
  });
}

export type ActiveRuleRow = { id: number; filter: string; paused: number; concurrency: number };

const BEHIND = `SELECT (SELECT value FROM settings WHERE key = $1) AS "from",
  coalesce((SELECT max(id) FROM deliveries), 0) AS newest`;

/**
 * Queues what the watermark has not passed: `steps` steps at most, or until the watermark
 * reaches `through` (a delivery whose forwards the API shows: it waits, a few ms at a time,
 * for ids below it to settle). Answers whether more is ready (a full step) or ids settle.
 */
export async function queuePostgres(
  options: { steps?: number; through?: number; chunk?: number } = {},
): Promise<{ queued: number; more: boolean; waiting: boolean }> {
  const [behind] = (
    await pool().query<{ from: string | null; newest: string }>(BEHIND, [QUEUED_THROUGH])
  ).rows;
  const from = behind?.from === null || behind?.from === undefined ? null : Number(behind.from);
  const newest = Number(behind?.newest ?? 0);
  const state = settling(pool());
  if (from === null || (!state.candidate && newest <= from))
    return { queued: 0, more: false, waiting: false };
  // No id above the newest can be asked for: none is stored yet.
  const through = options.through === undefined ? undefined : Math.min(options.through, newest);
  let queued = 0;
  const deadline = Date.now() + 5_000;
  for (let i = 0; i < (options.steps ?? Infinity); i++) {
    const step = await queueStep(options.chunk ?? QUEUE_CHUNK);
    queued += step.queued;
    if (through !== undefined) {
      if (step.through >= through || Date.now() > deadline)
        return { queued, more: false, waiting: false };
      if (!step.more) await new Promise((resolve) => setTimeout(resolve, 5));
      continue;
    }
    if (!step.more) return { queued, more: false, waiting: step.waiting };
  }
  return { queued, more: true, waiting: false };
}
