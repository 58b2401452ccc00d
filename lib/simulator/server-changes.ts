/**
 * What happens to servers and hosts, the resources operators act on most: config
 * doubled, started and stopped (sometimes failing), passwords reset, migrations, nics.
 */
import { changeStatus, num, rename, setMetadata, type ChangeProducer } from "./generic-changes";
import { nicInfo, serverLogin } from "./server-resource";

const changeConfig: ChangeProducer = (resource, { random }) => {
  const { vcpu_count: cpu, vmem_size: mem } = resource.details;
  if (num(mem) >= 65536 || num(cpu) >= 32) return null;
  const which = random.pick(["mem", "cpu", "both"]);
  const set: Record<string, unknown> = {};
  if (which !== "cpu") set.vmem_size = num(mem) * 2;
  if (which !== "mem") set.vcpu_count = num(cpu) * 2;
  return { action: "change_config", set };
};

const startOrStop: ChangeProducer = (resource, { random }) => {
  const running = resource.details.status === "running";
  const action = running ? "stop" : "start";
  if (random.chance(0.2)) return { action, result: "failed", set: { status: `${action}_fail` } };
  return {
    action,
    set: { status: running ? "ready" : "running", power_states: running ? "off" : "on" },
  };
};

const resetPassword: ChangeProducer = (resource, context) => ({
  action: context.random.pick(["reset_password", "rebuild_root"]),
  set: {},
  messageOnly: serverLogin(context, resource.details),
});

const migrate: ChangeProducer = (resource, { random, related }) => {
  const host = related("host");
  if (!host || host.id === resource.details.host_id) return null;
  if (random.chance(0.25))
    return { action: "migrate", result: "failed", set: { status: "migrate_failed" } };
  return { action: "migrate", set: { host: host.details.name, host_id: host.id } };
};

const addNic: ChangeProducer = (resource, context) => {
  const nics = resource.details.nics as Array<Record<string, unknown>>;
  if (nics.length >= 3) return null;
  const nic = nicInfo(context, nics.length);
  const ips = [...nics.map((n) => n.ip_addr), nic.ip_addr].join(",");
  return { action: "update", set: { nics: [...nics, nic], ips } };
};

const hostDown: ChangeProducer = (resource) =>
  resource.details.host_status === "offline"
    ? { action: "update", set: { host_status: "online" } }
    : { action: "host_down", set: { host_status: "offline" }, resultInEventType: true };

const maintenance: ChangeProducer = (resource) => ({
  action: "update",
  set: { is_maintenance: !resource.details.is_maintenance },
});

const reserveMemory: ChangeProducer = (resource) => ({
  action: "update",
  set: {
    mem_reserved: num(resource.details.mem_reserved) + 4096,
    mem_commit: num(resource.details.mem_commit) + 2048,
  },
});

export const SERVER_CHANGES = [
  changeConfig,
  changeConfig,
  startOrStop,
  startOrStop,
  resetPassword,
  migrate,
  addNic,
  setMetadata,
  rename,
  changeStatus,
];

export const HOST_CHANGES = [hostDown, maintenance, reserveMemory, setMetadata, changeStatus];
