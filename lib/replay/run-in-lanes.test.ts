import { describe, expect, it } from "vitest";
import { runInLanes } from "./run-in-lanes";

type Task = { id: number; lane: string };

/** Tasks 1..n spread over lanes by a pattern; each "runs" for a random few event-loop turns. */
function scenario(lanes: string[], random: () => number) {
  const tasks: Task[] = lanes.map((lane, i) => ({ id: i + 1, lane }));
  const log: Array<{ event: "start" | "end"; task: Task }> = [];
  let inFlight = 0;
  let most = 0;
  const turns = (n: number) =>
    Array.from({ length: n }).reduce<Promise<void>>(
      (p) => p.then(() => new Promise<void>((resolve) => setImmediate(resolve))),
      Promise.resolve(),
    );
  const run = async (task: Task) => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    log.push({ event: "start", task });
    await turns(1 + Math.floor(random() * 5));
    log.push({ event: "end", task });
    inFlight -= 1;
  };
  let at = 0;
  return { tasks, log, run, next: () => tasks[at++], most: () => most };
}

/** A small seeded generator, so that a failing order can be replayed. */
function seeded(seed: number) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe("runInLanes", () => {
  it("runs each lane one task at a time in order, different lanes side by side", async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = seeded(seed);
      const lanes = Array.from({ length: 60 }, () => "abcde"[Math.floor(random() * 5)]!);
      const s = scenario(lanes, random);
      await runInLanes({ next: s.next, laneOf: (t) => t.lane, run: s.run, concurrency: 4 });
      for (const lane of "abcde") {
        const events = s.log.filter((e) => e.task.lane === lane);
        // start, end, start, end, ... with ids ascending: never two of a lane at once.
        events.forEach((e, i) => expect(e.event, `seed ${seed}`).toBe(i % 2 ? "end" : "start"));
        const ids = events.filter((e) => e.event === "start").map((e) => e.task.id);
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
      }
      expect(s.log.filter((e) => e.event === "end")).toHaveLength(60);
      expect(s.most()).toBeLessThanOrEqual(4);
    }
  });

  it("uses the concurrency across lanes", async () => {
    const s = scenario(["a", "b", "c", "d", "e", "f", "g", "h"], () => 0.5);
    await runInLanes({ next: s.next, laneOf: (t) => t.lane, run: s.run, concurrency: 4 });
    expect(s.most()).toBe(4);
  });

  it("takes only so many tasks ahead of those running", async () => {
    const s = scenario(
      Array.from({ length: 50 }, () => "one"),
      () => 0,
    );
    let taken = 0;
    let mostAhead = 0;
    const next = () => {
      const task = s.next();
      if (task) taken += 1;
      const ended = s.log.filter((e) => e.event === "end").length;
      mostAhead = Math.max(mostAhead, taken - ended);
      return task;
    };
    await runInLanes({ next, laneOf: (t) => t.lane, run: s.run, concurrency: 4, maxWaiting: 5 });
    expect(s.log.filter((e) => e.event === "end")).toHaveLength(50);
    expect(mostAhead).toBeLessThanOrEqual(5);
  });

  it("stops taking tasks when told or when one throws, and rejects with that error", async () => {
    const s = scenario(
      Array.from({ length: 30 }, (_, i) => `lane-${i % 3}`),
      () => 0.3,
    );
    let ran = 0;
    const failing = runInLanes({
      next: s.next,
      laneOf: (t) => t.lane,
      run: async (task) => {
        ran += 1;
        if (task.id === 5) throw new Error("boom");
        await s.run(task);
      },
      concurrency: 2,
    });
    await expect(failing).rejects.toThrow("boom");
    expect(ran).toBeLessThan(30);

    const t = scenario(
      Array.from({ length: 30 }, (_, i) => `lane-${i % 3}`),
      () => 0.3,
    );
    let ends = 0;
    await runInLanes({
      next: t.next,
      laneOf: (task) => task.lane,
      run: async (task) => {
        await t.run(task);
        ends += 1;
      },
      concurrency: 2,
      stopped: () => ends >= 4,
    });
    expect(ends).toBeLessThan(30);
  });
});
