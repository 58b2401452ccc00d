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

export type SendOutcome = { stats: SendStats; unreachable: string | null };

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
 * gets no answer at all the receiver is unreachable and nothing else is sent.
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
  if (first.done) return { stats, unreachable: null };
  const probe = await options.post(first.value);
  record(stats, first.value, probe);
  if (!probe.ok) return { stats, unreachable: probe.error };

  const start = performance.now();
  let index = 1;
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const due = options.rate > 0 ? start + (index++ * 1000) / options.rate : 0;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      record(stats, next.value, await options.post(next.value));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return { stats, unreachable: null };
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}
