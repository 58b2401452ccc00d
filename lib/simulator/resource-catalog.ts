import { COMPUTE_RESOURCES } from "./compute-resources";
import { resourceName } from "./names";
import { NETWORK_RESOURCES } from "./network-resources";
import {
  CLOUD_COLUMNS,
  cloudFields,
  COMMON_COLUMNS,
  commonFields,
  PROJECT_COLUMNS,
  projectFields,
} from "./resource-common";
import { SERVICE_RESOURCES } from "./service-resources";
import type { BuildContext, SimResource } from "./sim-resource";

/** How one resource type looks: its details view fields and its table's columns. */
export type ResourceSpec = {
  /** Status after a successful create; null for types without one (users). */
  status: string | null;
  projectOwned: boolean;
  /** Columns of its table beyond the common ones: what a delete's bare row carries. */
  columns: readonly string[];
  /** The type-specific fields of its details view. */
  build(context: BuildContext): Record<string, unknown>;
};

export const RESOURCE_SPECS: Record<string, ResourceSpec> = {
  ...COMPUTE_RESOURCES,
  ...NETWORK_RESOURCES,
  ...SERVICE_RESOURCES,
};

/** Types a cloud account syncs (sync_create/sync_update/sync_delete). */
export const CLOUD_TYPES = [
  "server",
  "disk",
  "eip",
  "network",
  "vpc",
  "secgroup",
  "snapshot",
  "dbinstance",
  "bucket",
];

function idFor(context: BuildContext, type: string): string {
  // Hosts carry short ids on many installs; everything else a UUID.
  return type === "host" ? `h-${context.random.hex(8)}` : context.random.uuid();
}

export function createResource(
  context: BuildContext,
  type: string,
  origin: "local" | "cloud",
): SimResource {
  const spec = RESOURCE_SPECS[type];
  if (!spec) throw new Error(`no resource spec for ${type}`);
  const id = idFor(context, type);
  const details: Record<string, unknown> = {
    ...commonFields(context, id, resourceName(context.random, type), spec.status),
    ...(spec.projectOwned ? projectFields(context.random) : {}),
    ...spec.build(context),
  };
  if (origin === "cloud") {
    Object.assign(details, cloudFields(context.random));
    if (type === "server")
      Object.assign(details, {
        hypervisor: String(details.provider).toLowerCase(),
        host: "",
        host_id: "",
      });
  }
  const columns = [
    ...COMMON_COLUMNS,
    ...(spec.projectOwned ? PROJECT_COLUMNS : []),
    ...(origin === "cloud" ? CLOUD_COLUMNS : []),
    ...spec.columns,
  ];
  return { type, id, details, columns: [...new Set(columns)], origin };
}

/**
 * The bare database row a delete or sync_delete carries: only the table's columns (no
 * tenant name, metadata or can_delete), marked deleted at the time of the event.
 */
export function bareRow(resource: SimResource, now: string): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const column of resource.columns) {
    if (column in resource.details) row[column] = resource.details[column];
  }
  return { ...row, deleted: true, deleted_at: now, updated_at: now };
}
