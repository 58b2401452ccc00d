import { openKeptTimeline } from "../db/queries/timelines";
import { ApiError } from "../http/api-error";
import type { ResourceKey } from "./kept-steps";
import type { ResourceStateBody } from "./resource-types";
import { decodeStepFlags } from "./step-codec";

/**
 * The whole resource as one step of its timeline shows it (the latest when `at` is
 * absent). From the kept step: one or two rows and at most two bodies, as fast for the
 * first step of a long history as for the last.
 */
export async function getResourceState(
  options: ResourceKey & { at?: number },
): Promise<ResourceStateBody> {
  const timeline = await openKeptTimeline(options);
  const { head } = timeline;
  const base = { resource_type: options.resourceType, resource_id: options.resourceId };
  const at = options.at ?? head.state_from;
  const row = at === null ? undefined : await timeline.step(at);
  if (at === null || !row || row.invalid) {
    if (options.at === undefined) return { ...base, at: 0, state: null, snapshot: null };
    throw new ApiError("not_found", `Delivery ${options.at} is not in this resource's timeline.`);
  }
  const snapshot = decodeStepFlags(row.flags).snapshot ? await timeline.snapshotOf(at) : null;
  return { ...base, at, state: await timeline.stateOfStep(row), snapshot };
}
