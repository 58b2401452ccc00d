import {
  renderDelivery,
  type EventMessage,
  type RobotSettings,
} from "../../lib/cloudpods/render-delivery";
import type { ResourceTimelineBody } from "../../lib/resources/resource-types";
import { sendDelivery, type EndpointBody } from "./api";

/** A server's deliveries for the resource tests: snapshots a minute apart, sent for real. */
export const uid = () => Math.random().toString(36).slice(2, 10);

export type Details = Record<string, unknown>;

export async function send(
  endpoint: EndpointBody,
  event: Partial<EventMessage> & { resource_details: Details },
  robot: RobotSettings = {},
) {
  const delivery = renderDelivery(
    { kind: "event", event: { action: "update", resource_type: "server", ...event } },
    robot,
  );
  const answer = await sendDelivery(endpoint.receiver_url, delivery);
  return { ...answer, delivery, id: answer.body.id as number };
}

export const at = (minute: number) => `2024-05-01T10:${String(minute).padStart(2, "0")}:00.000000Z`;

export function server(id: string, fields: Details = {}): Details {
  return {
    id,
    name: "web-1",
    status: "ready",
    vcpu_count: 2,
    vmem_size: 1024,
    disks_info: [{ id: "disk-sys", disk_size: 30720, disk_type: "sys" }],
    updated_at: at(0),
    ...fields,
  };
}

export const visible = (diff: ResourceTimelineBody["events"][number]["diff"]) =>
  diff?.filter((entry) => !entry.noise).map(({ noise: _noise, ...entry }) => entry);

/** A server's whole life, as the "Done when" tells it. */
export async function serverLife(endpoint: EndpointBody, id: string) {
  const dataDisk = { id: "disk-data", disk_size: 102400, disk_type: "data" };
  const create = await send(endpoint, { action: "create", resource_details: server(id) });
  const resize = await send(endpoint, {
    action: "change_config",
    resource_details: server(id, { vmem_size: 2048, updated_at: at(1) }),
  });
  const attach = await send(endpoint, {
    action: "attach",
    resource_details: server(id, {
      vmem_size: 2048,
      disks_info: [...(server(id).disks_info as Details[]), dataDisk],
      updated_at: at(2),
    }),
  });
  const running = server(id, {
    vmem_size: 2048,
    disks_info: [...(server(id).disks_info as Details[]), dataDisk],
    status: "running",
    updated_at: at(3),
  });
  const status = await send(endpoint, {
    action: "status_changed",
    resource_details: { ...running, old_status: "ready", new_status: "running" },
  });
  const remove = await send(endpoint, {
    action: "delete",
    resource_details: {
      id,
      name: "web-1",
      status: "deleted",
      vcpu_count: 2,
      vmem_size: 2048,
      deleted: true,
      updated_at: at(4),
    },
  });
  return { create, resize, attach, status, remove, dataDisk };
}
