import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { closeJobLocks } from "../../lib/db/queries/job-locks";
import { runUnderJobLock } from "../../lib/db/queries/timeline-keeper-job";
import { openFreshDatabase } from "../support/both-engines";

/**
 * The runner of the PostgreSQL jobs kept under a job lock (the timeline keeper): woken by
 * every delivery, it must still run while deliveries keep coming, not only once they stop.
 */
let close: () => Promise<void>;
beforeEach(async () => ({ close } = await openFreshDatabase("postgresql", "job_runner")));
afterEach(async () => {
  await closeJobLocks();
  await close();
});

it("runs while wakes keep coming, closer together than its delay", async () => {
  let steps = 0;
  const job = runUnderJobLock({
    name: "runner-test",
    says: "> runner-test: held",
    failure: "runner-test failed",
    step: () => {
      steps++;
      return Promise.resolve(false);
    },
  });
  // Taking the lock runs it once; then a wake every 20 ms (its delay is 200 ms).
  await vi.waitFor(() => expect(steps).toBe(1), { timeout: 10_000, interval: 20 });
  const waking = setInterval(() => job.wake(), 20);
  try {
    await vi.waitFor(() => expect(steps).toBeGreaterThanOrEqual(3), {
      timeout: 10_000,
      interval: 20,
    });
  } finally {
    clearInterval(waking);
    job.stop();
  }
});
