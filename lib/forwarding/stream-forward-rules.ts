import "server-only";
import { HEARTBEAT_MS, SSE_HEARTBEAT, sseFrame } from "../http/sse";
import { forwardsAcrossInstances } from "../db/queries/forwarding";
import { subscribeDeliveries } from "../live/delivery-bus";
import { findForwardRules } from "./find-forward-rules";
import { onJobsChanged, onRulesChanged } from "./forward-rules-cache";

/** At most one push per this many ms, however busy forwarding is: counts are a summary. */
const THROTTLE_MS = 500;
/** On PostgreSQL another instance sends and changes rules unheard: the counts are read
 *  again this often. */
const ACROSS_INSTANCES_MS = 1_000;

/**
 * Server-Sent Events: `event: rules` with every rule and its counts and health, at once
 * and again whenever deliveries are queued, sent, retried or go dead, or a rule changes
 * (on PostgreSQL, where that may happen on another instance, also every second).
 */
export function streamForwardRules(options: { signal: AbortSignal }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let timer: NodeJS.Timeout | null = null;
      let last = 0;
      let closed = false;
      const push = async () => {
        timer = null;
        last = Date.now();
        try {
          const rules = await findForwardRules();
          if (!closed) controller.enqueue(encoder.encode(sseFrame("rules", rules)));
        } catch {
          cleanup();
        }
      };
      const schedule = () => {
        if (timer) return;
        timer = setTimeout(() => void push(), Math.max(0, last + THROTTLE_MS - Date.now()));
      };
      const off = [
        subscribeDeliveries(schedule),
        onJobsChanged(schedule),
        onRulesChanged(schedule),
      ];
      const heartbeat = setInterval(
        () => controller.enqueue(encoder.encode(SSE_HEARTBEAT)),
        HEARTBEAT_MS,
      );
      const across = forwardsAcrossInstances() ? setInterval(schedule, ACROSS_INSTANCES_MS) : null;
      cleanup = () => {
        closed = true;
        off.forEach((unsubscribe) => unsubscribe());
        clearInterval(heartbeat);
        if (across) clearInterval(across);
        if (timer) clearTimeout(timer);
      };
      options.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      controller.enqueue(encoder.encode("retry: 2000\n\n"));
      void push();
    },
    cancel() {
      cleanup();
    },
  });
}
