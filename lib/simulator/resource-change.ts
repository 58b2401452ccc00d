import type { SimResource } from "./sim-resource";

/** One thing that happens to a resource: the event's action and how its state moves. */
export type ResourceChange = {
  action: string;
  result?: "succeed" | "failed";
  /** Fields whose values change on the resource: its new state. */
  set: Record<string, unknown>;
  /** Fields only the event message carries, never the state (old_status, a new password). */
  messageOnly?: Record<string, unknown>;
  /** Some releases name outcome events TYPE/ACTION/SUCCEED (HOST/HOST_DOWN/SUCCEED). */
  resultInEventType?: boolean;
  /** False for notices that do not write the row (password_expire_soon): updated_at stays. */
  touchesRow?: boolean;
};

export type AppliedChange = {
  /** resource_details for the event: the new state plus the message-only fields. */
  details: Record<string, unknown>;
  /** The state fields this change wrote, updated_at and update_version included. */
  changedFields: string[];
};

/** Applies a change to a resource's state the way the platform's row update does. */
export function applyChange(
  resource: SimResource,
  change: ResourceChange,
  now: string,
): AppliedChange {
  const set = { ...change.set };
  if (change.touchesRow !== false) {
    set.updated_at = now;
    set.update_version = Number(resource.details.update_version ?? 0) + 1;
  }
  resource.details = { ...resource.details, ...set };
  return {
    details: { ...resource.details, ...change.messageOnly },
    changedFields: Object.keys(set),
  };
}

/** A status change event: the new status, with old_status/new_status in the message. */
export function statusChange(
  resource: SimResource,
  action: string,
  status: string,
  extra: Record<string, unknown> = {},
): ResourceChange {
  return {
    action,
    set: { status, ...extra },
    messageOnly: { old_status: resource.details.status, new_status: status },
  };
}
