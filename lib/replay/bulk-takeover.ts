import "server-only";
import {
  bulkResultCounts,
  bulksAcrossInstances,
  countUnsentTargets,
} from "../db/queries/bulk-replays";
import { jobLock, type JobLock } from "../db/queries/job-locks";
import { getPrisma } from "../db/prisma";
import { deliveryFilterSchema } from "../events/delivery-filter";
import { processSingleton } from "../process-singleton";
import { bulkView } from "./bulk-view";
import { endpointRobot } from "./endpoint-robot";
import { runBulkReplay, type BulkJob } from "./run-bulk-replay";

/**
 * Bulk replays across instances on one PostgreSQL database (docs/cluster.md, "Bulk
 * replays across instances"): each unfinished bulk has a job lock, `bulk-replay:<id>`,
 * that every instance wants; the one holding it runs the bulk. The instance that starts a
 * bulk asks for its lock at once and, holding it a round trip later, runs it with the job
 * it built; every instance looks for unfinished bulks once a second and wants their locks
 * too, so that when the one running a bulk dies another takes the lock within a second or
 * two and resumes the bulk from the database: the targets it has no result for, counting
 * on from the results recorded. On SQLite the lock is always held: the bulk runs where it
 * started, at once, as it always did.
 */
type Supervised = { lock: JobLock; running: boolean; first?: BulkJob; forget: () => void };

const LOOK_EVERY_MS = 1_000;

function supervised(): Map<number, Supervised> {
  return processSingleton("bulkReplayLocks", () => new Map<number, Supervised>());
}

/** Runs bulk `id` whenever this instance holds its job lock, until it is finished; `first`
 *  is the job of a bulk that was just started here. */
export function runUnderLock(id: number, first?: BulkJob): void {
  const all = supervised();
  if (all.has(id)) return;
  const lock = jobLock(`bulk-replay:${id}`);
  let unsubscribe = () => undefined as unknown;
  let forgotten = false;
  const entry: Supervised = {
    lock,
    running: false,
    first,
    forget: () => {
      forgotten = true;
      unsubscribe();
      lock.release();
      if (all.get(id) === entry) all.delete(id);
    },
  };
  all.set(id, entry);
  const run = async () => {
    const start = entry.first;
    entry.first = undefined;
    // On SQLite the job built at the start runs at once. Across instances it runs if the
    // bulk is still untouched: another instance may have taken the lock first and stopped.
    const job = start && !bulksAcrossInstances() ? start : await takeOver(id, start);
    if (!job) return entry.forget();
    if (job !== start)
      console.log(
        `> Took over bulk replay ${id}: ${job.bulk.sent} of ${job.bulk.total} sent, sending the rest`,
      );
    const end = await runBulkReplay(job, bulksAcrossInstances() ? { lock } : {});
    // Yielded: the lock went to another instance; still wanted, in case that one dies too.
    if (end === "finished") entry.forget();
  };
  const kick = () => {
    if (entry.running || forgotten || !lock.held) return;
    entry.running = true;
    run()
      .catch((error: unknown) => console.error("bulk replay", id, error))
      .finally(() => {
        entry.running = false;
        // Taken again while the last run was still winding down.
        kick();
      });
  };
  unsubscribe = lock.onChange((held) => held && kick());
}

/**
 * A bulk this instance has just taken the lock of: its job rebuilt from the row, counting
 * from its recorded results (every target with no result still to send, every other one
 * sent), or null when there is nothing to run: finished already (by the instance that let
 * the lock go), or cancelled from another instance while nobody ran it, which is closed
 * here. One whose job cannot be rebuilt (its endpoint deleted) is closed as failed.
 * `started`, the job of a bulk started here, is answered as it is while nothing of it
 * has been sent.
 */
async function takeOver(id: number, started?: BulkJob): Promise<BulkJob | null> {
  const prisma = getPrisma();
  const row = await prisma.bulkReplay.findUnique({ where: { id } });
  if (!row || row.finishedAt !== null) return null;
  try {
    const results = await bulkResultCounts.get(id);
    if (started && row.state === "running" && !results?.results) return started;
    const filter = deliveryFilterSchema.parse(JSON.parse(row.filter));
    const unsent = await countUnsentTargets(filter, id, row.maxId);
    const sent = Math.max(0, row.total - unsent);
    const succeeded = Math.min(sent, results?.succeeded ?? 0);
    const counts = { sent, succeeded, failed: sent - succeeded };
    if (row.state !== "running") {
      await prisma.bulkReplay.update({
        where: { id },
        data: { ...counts, state: "cancelled", finishedAt: new Date() },
      });
      return null;
    }
    const recipe: BulkJob["recipe"] =
      row.endpointId === null
        ? { mode: "exact" }
        : { mode: "endpoint", robot: await endpointRobot({ id: row.endpointId }) };
    return {
      bulk: bulkView({ ...row, ...counts }),
      filter,
      maxId: row.maxId,
      recipe,
      timeoutMs: row.timeoutMs ?? undefined,
      resumed: true,
    };
  } catch (error) {
    console.error("bulk replay", id, "cannot be taken over:", error);
    await prisma.bulkReplay.update({
      where: { id },
      data: { state: "failed", finishedAt: new Date() },
    });
    return null;
  }
}

/**
 * Once a second, on PostgreSQL: every unfinished bulk's lock wanted here, so that this
 * instance takes over a bulk whose instance died (and, after a start of the whole cluster,
 * the bulks it cut off). Started once per process (instrumentation.ts); nothing on SQLite.
 */
export function startBulkReplayTakeover(): void {
  if (!bulksAcrossInstances()) return;
  processSingleton("bulkReplayTakeover", () => {
    let looking = false;
    const look = async () => {
      if (looking) return;
      looking = true;
      try {
        const rows = await getPrisma().bulkReplay.findMany({
          where: { finishedAt: null },
          select: { id: true },
        });
        for (const { id } of rows) runUnderLock(id);
      } catch (error) {
        console.error("Looking for bulk replays to take over failed (again in a second):", error);
      } finally {
        looking = false;
      }
    };
    void look();
    return setInterval(() => void look(), LOOK_EVERY_MS).unref();
  });
}
