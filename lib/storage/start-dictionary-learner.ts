import type Database from "better-sqlite3";
import type { Dictionary } from "./content-codec";
import { dictionaryLearned, learnContentDictionary } from "./learn-dictionary";

const CHECK_MS = 5000;

/**
 * Learns the contents' dictionary from the installation's own deliveries once there are
 * enough (learn-dictionary.ts), checking every few seconds until then, off the receiver's
 * path; `onLearned` hands the new dictionary to the writers. Nothing runs once learned.
 */
export function startDictionaryLearner(options: {
  db: Database.Database;
  after: number;
  onLearned: (dictionary: Dictionary) => void;
}) {
  const { db, after } = options;
  if (after <= 0 || dictionaryLearned(db)) return { stop: () => {} };
  const timer = setInterval(() => {
    try {
      const learned = learnContentDictionary(db, { after });
      if (!learned) return;
      clearInterval(timer);
      options.onLearned(learned);
      console.log(`> Learned the contents' dictionary ${learned.id} from stored deliveries`);
    } catch (error) {
      console.error("learning the contents' dictionary failed", error);
    }
  }, CHECK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
