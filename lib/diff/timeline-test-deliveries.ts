import { buildTimeline, type TimelineDelivery } from "./build-timeline";

/** Deliveries for the timeline tests: a server snapshot per step, ids in order. */
export type Details = Record<string, unknown>;

export const stepsOf = (deliveries: TimelineDelivery[]) => buildTimeline(deliveries).steps;

let nextId = 1;
export function delivery(
  action: string,
  resourceDetails: Details | null,
  extra: Partial<TimelineDelivery> = {},
): TimelineDelivery {
  return {
    id: nextId++,
    action,
    result: "succeed",
    signature: "unsigned",
    duplicateOf: null,
    resourceDetails,
    ...extra,
  };
}

export const server = (fields: Details = {}): Details => ({
  id: "srv-1",
  name: "web-1",
  status: "running",
  vmem_size: 1024,
  disks_info: [{ id: "d1", size: 10240 }],
  updated_at: "2024-05-01T10:00:00.000000Z",
  ...fields,
});
