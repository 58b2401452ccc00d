import { connection } from "../connection";
import { jobLock } from "./job-locks";
import { keepTimelineBatch, sweepEndpointTimelines } from "./timelines-postgres";

/** Deliveries one batch takes in (one transaction: its bodies read, its steps written). */
export const BATCH = 500;
/** The endpoint chains' deliveries one sweep piece takes in. */
const SWEEP_LIMIT = 500;
/** The share of its time the job may work while behind: the rest is the receiver's loop. */
const DUTY = 0.5;
/** How long after deliveries it starts, and how often the holder looks anyway. */
const DELAY_MS = 200;
const LOOK_MS = 2_000;

/**
 * Runs `work` once `lock` is held, a moment after each wake, and every LOOK_MS while held;
 * answers the wake-up and the stop. Each piece confirms the lock first.
 */
export function runUnderJobLock(options: {
  name: string;
  /** What the start log says when this instance takes the lock. */
  says: string;
  failure: string;
  /** One bounded piece of work; false once nothing is left. */
  step: () => Promise<boolean>;
}) {
  const lock = jobLock(options.name);
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let stopped = false;
  const run = async () => {
    timer = null;
    if (running || stopped) return;
    running = true;
    try {
      while (!stopped && (await lock.confirm())) {
        const started = performance.now();
        if (!(await options.step())) break;
        const ms = performance.now() - started;
        await new Promise((resolve) => setTimeout(resolve, (ms * (1 - DUTY)) / DUTY));
      }
    } catch (error) {
      if (!stopped) console.error(options.failure, error);
    } finally {
      running = false;
      schedule(LOOK_MS);
    }
  };
  /** When the pending run is due: a wake brings it forward, never pushes it back (each
   *  delivery wakes it, so a wake that postponed it starved it under steady traffic). */
  let due = Number.POSITIVE_INFINITY;
  const schedule = (delayMs: number) => {
    if (stopped || !lock.held) return;
    const at = performance.now() + delayMs;
    if (timer && due <= at) return;
    if (timer) clearTimeout(timer);
    due = at;
    timer = setTimeout(() => void run(), delayMs);
    timer.unref();
  };
  const unwatch = lock.onChange((held) => {
    if (!held) return;
    console.log(options.says);
    schedule(0);
  });
  return {
    wake: () => {
      if (!running) schedule(DELAY_MS);
    },
    stop: () => {
      stopped = true;
      unwatch();
      lock.release();
      if (timer) clearTimeout(timer);
    },
  };
}

/** What the start log says when this instance takes the keeper's lock (the cluster test waits for it). */
export const KEEPS_TIMELINES =
  "> Timeline keeper: this instance keeps it (job lock timeline-keeper)";

/**
 * The timeline keeper on PostgreSQL (cluster mode): one instance at a time keeps every
 * resource's timeline steps current, the one holding the job lock "timeline-keeper"
 * (docs/cluster.md, "Background work runs once"), taken over within a second or two when
 * that instance dies. A moment after deliveries (the caller wakes it from the delivery
 * bus, which carries every instance's), at start, and every LOOK_MS while it holds the
 * lock: batches past the watermark, then the endpoint chains that are behind. Readers on
 * any instance keep the few steps they need themselves meanwhile.
 */
export function startTimelineKeeperPostgres() {
  const db = connection();
  if (db.engine !== "postgresql") throw new Error("the PostgreSQL keeper needs PostgreSQL");
  return runUnderJobLock({
    name: "timeline-keeper",
    says: KEEPS_TIMELINES,
    failure: "timeline keeper failed",
    step: async () => {
      const { more } = await keepTimelineBatch(db.pool, BATCH);
      const endpointsBehind = await sweepEndpointTimelines(db.pool, SWEEP_LIMIT);
      return more || endpointsBehind;
    },
  });
}
