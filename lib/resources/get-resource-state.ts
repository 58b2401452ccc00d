import { ApiError } from "../http/api-error";
import { buildResourceTimeline, type ResourceKey } from "./build-resource-timeline";
import type { ResourceStateBody } from "./resource-types";

/** The whole resource as one step of its timeline shows it (the latest when `at` is absent). */
export function getResourceState(options: ResourceKey & { at?: number }): ResourceStateBody {
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
