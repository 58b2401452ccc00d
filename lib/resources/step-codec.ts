import type { TimelineStep } from "../diff/build-timeline";

/** What a kept step (timeline_steps.flags) says of itself, one bit each. */
const FLAGS = {
  first: 1,
  duplicate: 2,
  deletion: 4,
  outOfOrder: 8,
  unchanged: 16,
  /** The delivery carried a snapshot of its own (what state-at-step shows as `snapshot`). */
  snapshot: 32,
} as const;

export type StepFlags = { [K in keyof typeof FLAGS]: boolean };

type FlaggedStep = Pick<
  TimelineStep,
  "first" | "duplicate" | "deletion" | "outOfOrder" | "unchanged" | "snapshot"
>;

export function encodeStepFlags(step: FlaggedStep): number {
  let flags = 0;
  if (step.first) flags |= FLAGS.first;
  if (step.duplicate) flags |= FLAGS.duplicate;
  if (step.deletion) flags |= FLAGS.deletion;
  if (step.outOfOrder) flags |= FLAGS.outOfOrder;
  if (step.unchanged) flags |= FLAGS.unchanged;
  if (step.snapshot !== null) flags |= FLAGS.snapshot;
  return flags;
}

export function decodeStepFlags(flags: number): StepFlags {
  return {
    first: (flags & FLAGS.first) !== 0,
    duplicate: (flags & FLAGS.duplicate) !== 0,
    deletion: (flags & FLAGS.deletion) !== 0,
    outOfOrder: (flags & FLAGS.outOfOrder) !== 0,
    unchanged: (flags & FLAGS.unchanged) !== 0,
    snapshot: (flags & FLAGS.snapshot) !== 0,
  };
}
