import { serverLogin } from "./server-resource";
import type { PlatformMessage } from "./platform-message";
import { bareRow, CLOUD_TYPES, createResource } from "./resource-catalog";
import type { ResourceChange } from "./resource-change";
import { applyChange } from "./resource-change";
import { pickChange, pickSyncChange } from "./resource-changes";
import type { BuildContext, SimResource } from "./sim-resource";
import { diskInfo } from "./server-resource";

/** How often each type is created: servers and their disks dominate a real platform. */
const CREATE_WEIGHTS = {
  server: 30,
  disk: 14,
  host: 5,
  eip: 8,
  network: 7,
  user: 8,
  vpc: 4,
  secgroup: 5,
  snapshot: 5,
  image: 4,
  dbinstance: 3,
  bucket: 3,
};
const SYNC_WEIGHTS = Object.fromEntries(
  CLOUD_TYPES.map((type) => [type, type === "server" ? 5 : 2]),
);
const CREATE_FAIL_STATUS: Record<string, string[]> = {
  server: ["sched_fail", "deploy_fail", "disk_fail", "network_fail"],
  disk: ["alloc_failed"],
};

function eventMessage(
  resource: SimResource,
  action: string,
  details: Record<string, unknown>,
  result = "succeed",
) {
  return { action, resource_type: resource.type, result, resource_details: details };
}

export function changeMessage(
  resource: SimResource,
  change: ResourceChange,
  now: string,
): PlatformMessage {
  const applied = applyChange(resource, change, now);
  const result = change.result ?? "succeed";
  return {
    kind: "event",
    event: eventMessage(resource, change.action, applied.details, result),
    eventType: change.resultInEventType
      ? `${resource.type}/${change.action}/${result}`.toUpperCase()
      : undefined,
    changedFields: applied.changedFields,
    transientFields: Object.keys(change.messageOnly ?? {}),
    secretFields: "password" in (change.messageOnly ?? {}) ? ["password"] : [],
  };
}

/** create (sometimes failed, servers with their plaintext password) or sync_create. */
export function createStep(
  context: BuildContext,
  origin: "local" | "cloud",
  type = context.random.weighted(origin === "cloud" ? SYNC_WEIGHTS : CREATE_WEIGHTS),
): { resource: SimResource; message: PlatformMessage } {
  const { random } = context;
  const resource = createResource(context, type, origin);
  const action = origin === "cloud" ? "sync_create" : "create";
  const failStatuses = CREATE_FAIL_STATUS[type] ?? ["create_fail"];
  const failed = origin === "local" && resource.details.status !== undefined && random.chance(0.08);
  if (failed) resource.details.status = random.pick(failStatuses);
  const login =
    type === "server" && !failed && origin === "local"
      ? serverLogin(context, resource.details)
      : {};
  return {
    resource,
    message: {
      kind: "event",
      event: eventMessage(
        resource,
        action,
        { ...resource.details, ...login },
        failed ? "failed" : "succeed",
      ),
      changedFields: [],
      transientFields: Object.keys(login),
      secretFields: "password" in login ? ["password"] : [],
    },
  };
}

export function changeStep(context: BuildContext, resource: SimResource): PlatformMessage {
  return changeMessage(resource, pickChange(resource, context), context.now);
}

export function syncUpdateStep(context: BuildContext, resource: SimResource): PlatformMessage {
  return changeMessage(resource, pickSyncChange(resource, context), context.now);
}

/** delete or sync_delete with the bare row; a local delete fails now and then. */
export function deleteStep(
  context: BuildContext,
  resource: SimResource,
): { deleted: boolean; message: PlatformMessage } {
  const action = resource.origin === "cloud" ? "sync_delete" : "delete";
  if (action === "delete" && context.random.chance(0.1)) {
    const applied = applyChange(resource, { action, set: { status: "delete_fail" } }, context.now);
    // The row survives a failed delete: not marked deleted, its status says why.
    const row: Record<string, unknown> = { ...bareRow(resource, context.now), deleted: false };
    delete row.deleted_at;
    return {
      deleted: false,
      message: {
        kind: "event",
        event: eventMessage(resource, action, row, "failed"),
        changedFields: applied.changedFields,
        transientFields: [],
        secretFields: [],
      },
    };
  }
  const row = bareRow(resource, context.now);
  return {
    deleted: true,
    message: {
      kind: "event",
      event: eventMessage(resource, action, row),
      changedFields: ["deleted", "deleted_at", "updated_at"],
      transientFields: [],
      secretFields: [],
    },
  };
}

export function attachedDataDisks(server: SimResource): string[] {
  const disks = (server.details.disks_info ?? []) as Array<Record<string, unknown>>;
  return disks.filter((disk) => disk.disk_type === "data").map((disk) => String(disk.id));
}

/** The server's side of an attach or detach: its disks_info and total disk size. */
function serverDisksMessage(
  server: SimResource,
  disksInfo: Array<Record<string, unknown>>,
  now: string,
) {
  const total = disksInfo.reduce((sum, entry) => sum + Number(entry.size ?? 0), 0);
  return changeMessage(
    server,
    { action: "update", set: { disks_info: disksInfo, disk: total } },
    now,
  );
}

/** A data disk attached to a server: DISK/ATTACH, then the server's disks_info grows. */
export function attachStep(
  context: BuildContext,
  server: SimResource,
  disk: SimResource,
): PlatformMessage[] {
  const guests = [{ id: server.id, name: server.details.name, status: server.details.status }];
  const attach = { action: "attach", set: { guests, guest_count: 1 } };
  const disks = server.details.disks_info as Array<Record<string, unknown>>;
  return [
    changeMessage(disk, attach, context.now),
    serverDisksMessage(server, [...disks, diskInfo(disk.details, disks.length)], context.now),
  ];
}

/** The reverse: DISK/DETACH, then the server's disks_info loses it (indexes stay). */
export function detachStep(
  context: BuildContext,
  server: SimResource,
  disk: SimResource,
): PlatformMessage[] {
  const detach = { action: "detach", set: { guests: [], guest_count: 0 } };
  const disks = server.details.disks_info as Array<Record<string, unknown>>;
  return [
    changeMessage(disk, detach, context.now),
    serverDisksMessage(
      server,
      disks.filter((entry) => entry.id !== disk.id),
      context.now,
    ),
  ];
}
