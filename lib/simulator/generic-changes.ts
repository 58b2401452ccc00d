import type { ResourceChange } from "./resource-change";
import { statusChange } from "./resource-change";
import type { BuildContext, SimResource } from "./sim-resource";

/**
 * What can happen to a live resource. A producer returns null when it does not apply to
 * the resource's current state (a stopped server cannot be stopped again).
 */
export type ChangeProducer = (
  resource: SimResource,
  context: BuildContext,
) => ResourceChange | null;

export const num = (value: unknown) => Number(value ?? 0);

const METADATA_VALUES: Array<[string, string]> = [
  ["user:env", "prod"],
  ["user:env", "测试"],
  ["user:owner", "运维组"],
  ["user:app", "billing"],
  ["sys:monitor_agent", "true"],
  ["user:backup", "daily"],
];

export const setMetadata: ChangeProducer = (resource, { random }) => {
  const [key, value] = random.pick(METADATA_VALUES);
  const metadata = { ...(resource.details.metadata as Record<string, unknown>) };
  if (metadata[key] === value) return null;
  return { action: "update", set: { metadata: { ...metadata, [key]: value } } };
};

export const rename: ChangeProducer = (resource) => {
  const name = String(resource.details.name);
  const match = /^(.*)-v(\d+)$/.exec(name);
  return {
    action: "update",
    set: { name: match ? `${match[1]}-v${Number(match[2]) + 1}` : `${name}-v2` },
  };
};

const DESCRIPTIONS = ["owned by ops", "生产环境，请勿删除", "temporary, remove after test"];

export const setDescription: ChangeProducer = (resource, { random }) => ({
  action: "update",
  set: {
    description: random.pick(DESCRIPTIONS.filter((text) => text !== resource.details.description)),
  },
});

/** Statuses a resource of each type moves between outside of operations. */
const ALTERNATE_STATUS: Record<string, string[]> = {
  server: ["running", "ready", "unknown"],
  host: ["running", "unknown"],
  disk: ["ready", "unknown"],
  network: ["available", "unavailable"],
  vpc: ["available", "unavailable"],
  eip: ["ready", "unknown"],
  dbinstance: ["running", "rebooting"],
  bucket: ["ready", "unknown"],
  snapshot: ["ready", "unknown"],
  image: ["active", "saving"],
};

export const changeStatus: ChangeProducer = (resource, { random }) => {
  const choices = (ALTERNATE_STATUS[resource.type] ?? []).filter(
    (status) => status !== resource.details.status,
  );
  return choices.length === 0
    ? null
    : statusChange(resource, "status_changed", random.pick(choices));
};

export const GENERIC = [setMetadata, rename, setDescription, changeStatus];
