import type { PostResult } from "./post-delivery";
import type { SimulatedDelivery } from "./delivery-expectation";

export type SendStats = {
  sent: number;
  /** Answers by HTTP status, plus "error" for requests that got no answer. */
  byStatus: Record<string, number>;
  byKind: Record<string, number>;
  duplicates: number;
  /** The first few distinct network errors. */
  errors: string[];
  latenciesMs: number[];
  startedAt: number;
};

export type SendOutcome = {
  stats: SendStats;
  /** Why nothing answered the first request. */
  unreachable: string | null;
  /** The status that failed the robot's validation (>= 300): the platform stops there. */
  refusedStatus: number | null;
};

export function createStats(): SendStats {
  return {
    sent: 0,
    byStatus: {},
    byKind: {},
    duplicates: 0,
    errors: [],
    latenciesMs: [],
    startedAt: performance.now(),
  };
}

function record(stats: SendStats, delivery: SimulatedDelivery, result: PostResult) {
  stats.sent++;
  const key = result.ok ? String(result.status) : "error";
  stats.byStatus[key] = (stats.byStatus[key] ?? 0) + 1;
  const kind = delivery.expect.kind;
  stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1;
  if (delivery.expect.duplicateOf !== null) stats.duplicates++;
  stats.latenciesMs.push(result.ms);
  if (!result.ok && stats.errors.length < 5 && !stats.errors.includes(result.error))
    stats.errors.push(result.error);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a stream at `rate` deliveries a second (0: as fast as `concurrency` allows), in
 * stream order. The first goes alone, as the platform's robot validation does: when it
 * gets no answer at all the receiver is unreachable, and when a validation is answered
 * with 300 or more the platform refuses the robot; either way nothing else is sent.
 */
export async function sendStream(options: {
  deliveries: Iterable<SimulatedDelivery>;
  post: (delivery: SimulatedDelivery) => Promise<PostResult>;
  rate: number;
  concurrency: number;
  stats?: SendStats;
}): Promise<SendOutcome> {
  const stats = options.stats ?? createStats();
  const iterator = options.deliveries[Symbol.iterator]();
  const first = iterator.next();
  if (first.done) return { stats, unreachable: null, refusedStatus: null };
  const probe = await options.post(first.value);
  record(stats, first.value, probe);
  if (!probe.ok) return { stats, unreachable: probe.error, refusedStatus: null };
  if (first.value.expect.kind === "verification" && probe.status >= 300) {
    return { stats, unreachable: null, refusedStatus: probe.status };
  }

  const start = performance.now();
  // A retry follows its failed first send: never let it overtake one still in flight.
  const inFlight = new Map<number, Promise<void>>();
  let index = 1;
  const send = async (delivery: SimulatedDelivery) => {
    const { sequence, duplicateOf } = delivery.expect;
    const original = duplicateOf === null ? undefined : inFlight.get(duplicateOf);
    const done = (async () => {
      if (original) await original;
      record(stats, delivery, await options.post(delivery));
    })();
    inFlight.set(sequence, done);
    await done;
    inFlight.delete(sequence);
  };
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const due = options.rate > 0 ? start + (index++ * 1000) / options.rate : 0;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      await send(next.value);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return { stats, unreachable: null, refusedStatus: null };
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}
