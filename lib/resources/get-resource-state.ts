import { ApiError } from "../http/api-error";
import { buildResourceTimeline, type ResourceKey } from "./build-resource-timeline";
import { openKeptTimeline } from "./open-kept-timeline";
import type { ResourceStateBody } from "./resource-types";
import { decodeStepFlags } from "./step-codec";

/** A timeline filtered to one of several endpoints: built from its whole history. */
function stateFromBuilt(options: ResourceKey & { at?: number }): ResourceStateBody {
  const { steps, state, stateFrom } = buildResourceTimeline(options);
  const base = { resource_type: options.resourceType, resource_id: options.resourceId };
  if (options.at === undefined) {
    const latest = steps.find((step) => step.delivery.id === stateFrom);
    return { ...base, at: stateFrom ?? 0, state, snapshot: latest?.snapshot ?? null };
  }
  const step = steps.find((candidate) => candidate.delivery.id === options.at);
  if (!step) {
    throw new ApiError("not_found", `Delivery ${options.at} is not in this resource's timeline.`);
  }
  return { ...base, at: options.at, state: step.state, snapshot: step.snapshot };
}

/**
 * The whole resource as one step of its timeline shows it (the latest when `at` is
 * absent). From the kept step: one or two rows and at most two bodies, as fast for the
 * first step of a long history as for the last.
 */
export function getResourceState(options: ResourceKey & { at?: number }): ResourceStateBody {
  const timeline = openKeptTimeline(options);
  if (!timeline) return stateFromBuilt(options);
  const { kept, head } = timeline;
  const base = { resource_type: options.resourceType, resource_id: options.resourceId };
  const at = options.at ?? head.state_from;
  const row = at === null ? undefined : kept.step(at);
  if (at === null || !row || row.invalid) {
    if (options.at === undefined) return { ...base, at: 0, state: null, snapshot: null };
    throw new ApiError("not_found", `Delivery ${options.at} is not in this resource's timeline.`);
  }
  const snapshot = decodeStepFlags(row.flags).snapshot ? kept.snapshotOf(at) : null;
  return { ...base, at, state: kept.stateOfStep(row), snapshot };
}
