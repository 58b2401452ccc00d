import { personName } from "./names";
import type { ResourceChange } from "./resource-change";
import type { BuildContext, SimResource } from "./sim-resource";
import {
  changeStatus,
  setDescription,
  GENERIC,
  num,
  rename,
  setMetadata,
  type ChangeProducer,
} from "./generic-changes";
import { HOST_CHANGES, SERVER_CHANGES } from "./server-changes";

const resizeDisk: ChangeProducer = (resource, { random }) => {
  if (num(resource.details.disk_size) >= 4194304) return null;
  if (random.chance(0.2))
    return { action: "resize", result: "failed", set: { status: "resize_failed" } };
  return {
    action: "resize",
    set: { disk_size: num(resource.details.disk_size) * 2, status: "ready" },
  };
};

const changeBandwidth: ChangeProducer = (resource) =>
  num(resource.details.bandwidth) >= 1000
    ? null
    : { action: "change_config", set: { bandwidth: num(resource.details.bandwidth) * 2 } };

const updateProfile: ChangeProducer = (_resource, { random }) =>
  random.chance(0.5)
    ? { action: "update", set: { displayname: personName(random) } }
    : { action: "update", set: { mobile: `139${random.int(10000000, 99999999)}` } };

const lockUser: ChangeProducer = (resource) =>
  resource.details.enabled
    ? { action: "lock", set: { enabled: false, failed_auth_count: 5 }, resultInEventType: true }
    : { action: "update", set: { enabled: true, failed_auth_count: 0 } };

const passwordExpireSoon: ChangeProducer = (_resource, { random }) => ({
  action: "password_expire_soon",
  set: {},
  messageOnly: { password_expires_at: `2027-0${random.int(1, 9)}-15T00:00:00.000000Z` },
  touchesRow: false,
});

const usePorts: ChangeProducer = (resource, { random }) => {
  const used = num(resource.details.ports_used) + random.int(1, 8);
  return used > num(resource.details.ports)
    ? null
    : { action: "update", set: { ports_used: used } };
};

export const CHANGES: Record<string, ChangeProducer[]> = {
  server: SERVER_CHANGES,
  host: HOST_CHANGES,
  disk: [resizeDisk, resizeDisk, setMetadata, rename, changeStatus],
  eip: [changeBandwidth, changeBandwidth, setMetadata, changeStatus],
  user: [updateProfile, lockUser, passwordExpireSoon, setDescription],
  network: [usePorts, usePorts, ...GENERIC],
};

/** A change that applies to `resource` now; a new description when none does. */
export function pickChange(resource: SimResource, context: BuildContext): ResourceChange {
  const producers = CHANGES[resource.type] ?? GENERIC;
  for (let attempt = 0; attempt < 4; attempt++) {
    const change = context.random.pick(producers)(resource, context);
    if (change) return change;
  }
  return setDescription(resource, context) as ResourceChange;
}

/** What a cloud account's sync reports: the state moved on the cloud side. */
export function pickSyncChange(resource: SimResource, context: BuildContext): ResourceChange {
  for (let attempt = 0; attempt < 4; attempt++) {
    const change = pickChange(resource, context);
    if (change.result !== "failed" && Object.keys(change.set).length > 0) {
      return { action: "sync_update", set: change.set };
    }
  }
  return { action: "sync_update", set: (rename(resource, context) as ResourceChange).set };
}
