import { forwardsAcrossInstances } from "../db/queries/forwarding";
import { jobLock } from "../db/queries/job-locks";
import { ForwardSender } from "./forward-sender";

/** What the log says when an instance takes the sending over (the cluster test waits for it). */
export const SENDS = "> Forwarding: this instance sends (job lock forwarding)";

/**
 * The sender, under the job lock "forwarding": on SQLite always held, so it sends from the
 * start as it always did; on PostgreSQL one instance at a time sends, and when it dies or
 * loses its lock another takes the sending over within a second or two (docs/cluster.md,
 * "Forwarding across instances"). A holder that loses the lock stops at once: its sends in
 * flight are aborted unrecorded, and the next holder sends them again.
 */
export function startForwarding(): { stop: () => void } {
  const lock = jobLock("forwarding");
  let sender: ForwardSender | null = null;
  let stopped = false;
  const begin = () => {
    if (stopped || sender || !lock.held) return;
    if (forwardsAcrossInstances()) console.log(SENDS);
    const started = new ForwardSender();
    sender = started;
    started.start().catch((error: unknown) => {
      console.error("starting the forward sender failed", error);
      started.stop();
      if (sender === started) sender = null;
      setTimeout(begin, 1_000).unref();
    });
  };
  const unwatch = lock.onChange((held) => {
    if (held) return begin();
    sender?.stop();
    sender = null;
  });
  return {
    stop: () => {
      stopped = true;
      unwatch();
      sender?.stop();
      lock.release();
    },
  };
}
