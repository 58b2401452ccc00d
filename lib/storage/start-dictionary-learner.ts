import { dictionaryLearned, newestDictionary } from "../db/queries/content-dictionaries";
import { jobLock, type JobLock } from "../db/queries/job-locks";
import type { Dictionary } from "./content-codec";
import { learnContentDictionary } from "./learn-dictionary";

const CHECK_MS = 5000;

/**
 * Learns the contents' dictionary from the installation's own deliveries once there are
 * enough (learn-dictionary.ts), checking every few seconds until then, off the receiver's
 * path; `onLearned` hands the new dictionary to the writers, which wrote with
 * `writingWith` (an id) so far. Nothing runs once learned.
 *
 * On PostgreSQL one instance learns, under the job lock "dictionary-learner" (taken over
 * when its instance dies), and every instance looks at each check whether one was learned:
 * a dictionary learned elsewhere reaches this instance's writers within a check. What the
 * others wrote with it meanwhile is readable here at once (readers fetch a dictionary they
 * do not know yet: lib/db/queries/content-dictionaries.ts).
 */
export function startDictionaryLearner(options: {
  after: number;
  writingWith: number;
  onLearned: (dictionary: Dictionary) => void;
  checkMs?: number;
}) {
  const { after } = options;
  if (after <= 0) return { stop: () => {} };
  let lock: JobLock | null = null;
  let running = false;
  let stopped = false;

  const done = (dictionary: Dictionary, where: string) => {
    stop();
    if (dictionary.id === options.writingWith) return;
    options.onLearned(dictionary);
    console.log(`> Learned the contents' dictionary ${dictionary.id} ${where}`);
  };
  const check = async () => {
    if (await dictionaryLearned()) {
      const newest = await newestDictionary();
      if (newest && !stopped) done(newest, "on another instance");
      return;
    }
    if (!lock) {
      lock = jobLock("dictionary-learner");
      lock.onChange((held) => {
        if (held && !stopped) console.log("> Dictionary learner: this instance learns");
      });
    }
    if (!(await lock.confirm()) || stopped) return;
    const learned = await learnContentDictionary({ after });
    // null: too early, or another instance stored one meanwhile (the next check takes it).
    if (learned && !stopped) done(learned, "from stored deliveries");
  };
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = true;
    check()
      .catch((error: unknown) => {
        if (!stopped) console.error("learning the contents' dictionary failed", error);
      })
      .finally(() => (running = false));
  }, options.checkMs ?? CHECK_MS);
  timer.unref();
  function stop() {
    stopped = true;
    clearInterval(timer);
    lock?.release();
  }
  return { stop };
}
