import type Database from "better-sqlite3";
import { getDatabase } from "../db/sqlite";
import { readWatermark, writeWatermark } from "../db/watermark-setting";
import { keptThrough } from "../resources/keep-timeline-steps";
import { decodeStepDiff, type StoredDiff } from "../resources/step-diff";
import { changeRow } from "./change-row";
import { CHANGES_WATERMARK } from "./changes-watermark";
import { keepAllTimelineSteps } from "../resources/start-timeline-keeper";

/**
 * Fills resource_changes, one row per changed field, lazily, when someone asks where a
 * field changed, from the diffs the timeline keeper kept (timeline_steps): no body is
 * read and no diff recomputed here, and the changes are the resource page's own (a
 * secret never lands in a change row, a duplicate or a late snapshot is treated the
 * same way). A kept step never changes, so rows once written stay right: each run
 * indexes the steps past a watermark, which never passes the keeper's.
 */
const WATERMARK = CHANGES_WATERMARK;
const STEPS_PER_TRANSACTION = 2000;

type KeptDiff = StoredDiff & {
  delivery_id: number;
  resource_type: string;
  resource_id: string;
  received_at: number;
};

/** Indexes the next kept diffs past the watermark, up to `through`; false when none are left. */
function indexChunk(db: Database.Database, through: number): boolean {
  return db
    .transaction(() => {
      const from = readWatermark(db, WATERMARK);
      if (from >= through) return false;
      const steps = db
        .prepare(
          `SELECT ts.delivery_id, h.resource_type, h.resource_id, ts.diff, ts.diff_dictionary,
             d.received_at
           FROM timeline_steps ts JOIN deliveries d ON d.id = ts.delivery_id
             JOIN timeline_heads h ON h.key = ts.head
           WHERE ts.delivery_id > ? AND ts.delivery_id <= ? AND ts.diff IS NOT NULL
           ORDER BY ts.delivery_id LIMIT ?`,
        )
        .all(from, through, STEPS_PER_TRANSACTION) as KeptDiff[];
      // A run from before this one may have left rows past the watermark: replace them.
      db.prepare("DELETE FROM resource_changes WHERE delivery_id > ?").run(from);
      const insert = db.prepare(`INSERT INTO resource_changes (delivery_id, resource_type,
        resource_id, path, field, op, before, after, changed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      for (const step of steps) {
        for (const entry of decodeStepDiff(db, step) ?? []) {
          insert.run(...changeRow(step, entry));
        }
      }
      const reached = steps.length < STEPS_PER_TRANSACTION ? through : steps.at(-1)!.delivery_id;
      writeWatermark(db, WATERMARK, reached);
      return reached < through;
    })
    .immediate();
}

/** Brings resource_changes up to the last delivery stored when called. */
export async function indexResourceChanges(): Promise<void> {
  const db = getDatabase();
  await keepAllTimelineSteps(db);
  const through = keptThrough(db);
  while (indexChunk(db, through)) await new Promise((resolve) => setImmediate(resolve));
}
