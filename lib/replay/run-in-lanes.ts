/**
 * Runs tasks taken in order from `next`, at most `concurrency` at a time, but never two of
 * one lane at once, and each lane's in the order taken: a bulk replay sends one
 * resource's deliveries one after the other, oldest first, and only different resources
 * side by side. At most `maxWaiting` tasks are taken ahead of those running, so that a
 * million deliveries of one resource never sit in memory. Stops taking new tasks once
 * `stopped()` says so or a task throws; answers when every task taken has ended, and
 * rejects with the first error.
 */
export async function runInLanes<T>(options: {
  next: () => T | undefined | Promise<T | undefined>;
  laneOf: (task: T) => string;
  run: (task: T) => Promise<void>;
  concurrency: number;
  maxWaiting?: number;
  stopped?: () => boolean;
}): Promise<void> {
  const { next, laneOf, run, concurrency } = options;
  const maxWaiting = Math.max(concurrency, options.maxWaiting ?? 1000);
  const tails = new Map<string, Promise<void>>();
  const slotWaiters: Array<() => void> = [];
  const roomWaiters: Array<() => void> = [];
  let running = 0;
  let taken = 0;
  let failure: { error: unknown } | null = null;

  const acquireSlot = async () => {
    while (running >= concurrency) await new Promise<void>((wake) => slotWaiters.push(wake));
    running += 1;
  };
  const finish = () => {
    running -= 1;
    taken -= 1;
    slotWaiters.shift()?.();
    roomWaiters.shift()?.();
  };
  const stop = () => failure !== null || (options.stopped?.() ?? false);

  for (;;) {
    while (taken >= maxWaiting && !stop())
      await new Promise<void>((wake) => roomWaiters.push(wake));
    if (stop()) break;
    const task = await next();
    if (task === undefined || stop()) break;
    const lane = laneOf(task);
    taken += 1;
    const previous = tails.get(lane) ?? Promise.resolve();
    const tail = previous.then(async () => {
      await acquireSlot();
      try {
        if (!stop()) await run(task);
      } catch (error) {
        failure ??= { error };
      } finally {
        finish();
      }
    });
    tails.set(lane, tail);
    void tail.then(() => {
      if (tails.get(lane) === tail) tails.delete(lane);
    });
  }
  await Promise.all([...tails.values()]);
  if (failure) throw (failure as { error: unknown }).error;
}
