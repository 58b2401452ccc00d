import { performance } from "node:perf_hooks";
import { subscribeDeliveries } from "../live/delivery-bus";
import { watchReceiverPressure, type ReceiverPressure } from "./receiver-pressure";

export const pause = (ms: number) =>
  new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));

/**
 * Runs background work beside the receiver (the payload search indexer, the timeline
 * keeper): `delayMs` after deliveries are committed, once at start, and on `wake`. It
 * calls `step` until it answers false (nothing left), reports each step's loop time to
 * the receiver-pressure gauge and pauses after it so that the job takes only its share of
 * the event loop (lib/ingest/receiver-pressure.ts). A step may wait for work done off the
 * loop (a worker thread's read): only its synchronous part counts as the job's loop time.
 * Deliveries committed during a run may
 * come after its last read, so a wake-up during a run runs it again after. A step that
 * throws (a closed database at shutdown, a busy one) ends the run; the next delivery
 * schedules a retry.
 */
export function startPacedJob(options: {
  /** Says what failed, in the log. */
  failure: string;
  delayMs: number;
  /** One bounded piece of work; false once nothing is left. */
  step: (pressure: ReceiverPressure) => boolean | Promise<boolean>;
  /** After a step threw, before the retry: drop state the failed step left half-made. */
  onError?: () => void;
  /** The work runs off the loop (a worker thread) and paces itself: it takes no part of
   *  the loop's share from the other users. */
  offLoop?: boolean;
}) {
  const pressure = watchReceiverPressure();
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  let stopped = false;

  const run = async () => {
    timer = null;
    if (stopped) return;
    if (running) return void (again = true);
    running = true;
    again = false;
    try {
      while (!stopped) {
        const share = pressure.share();
        const started = performance.now();
        const result = options.step(pressure);
        const own = performance.now() - started;
        if (!(typeof result === "boolean" ? result : await result)) break;
        if (!options.offLoop) pressure.spent(own);
        // Pausing own * (1 - share) / share leaves the rest of the loop to everyone else.
        await pause(Math.max(1, (own * (1 - share)) / share));
      }
    } catch (error) {
      options.onError?.();
      if (!stopped) console.error(options.failure, error);
    } finally {
      running = false;
      if (again) schedule();
    }
  };
  const schedule = () => {
    if (timer || stopped) return;
    timer = setTimeout(() => void run(), options.delayMs);
    timer.unref();
  };

  const unsubscribe = subscribeDeliveries(schedule);
  schedule();
  return {
    wake: schedule,
    stop: () => {
      stopped = true;
      unsubscribe();
      pressure.stop();
      if (timer) clearTimeout(timer);
    },
  };
}
