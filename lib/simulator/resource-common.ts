import { CLOUD_ACCOUNTS, DOMAINS, PROJECTS, ZONES } from "./names";
import type { Random } from "./random";
import type { BuildContext } from "./sim-resource";

/** Columns every platform table has (db.SStandaloneResourceBase and friends). */
export const COMMON_COLUMNS = [
  "id",
  "name",
  "description",
  "status",
  "created_at",
  "updated_at",
  "update_version",
  "deleted",
  "deleted_at",
  "is_emulated",
  "domain_id",
  "external_id",
  "progress",
] as const;

export const PROJECT_COLUMNS = [
  "tenant_id",
  "project_src",
  "is_system",
  "pending_deleted",
  "pending_deleted_at",
];

export function commonFields(
  context: BuildContext,
  id: string,
  name: string,
  status: string | null,
) {
  const domain = DOMAINS[0]!;
  const fields: Record<string, unknown> = {
    can_delete: true,
    can_update: true,
    created_at: context.now,
    deleted: false,
    description: "",
    domain_id: domain.id,
    external_id: "",
    id,
    is_emulated: false,
    metadata: {},
    name,
    progress: 100,
    project_domain: domain.name,
    update_version: 1,
    updated_at: context.now,
  };
  if (status !== null) fields.status = status;
  return fields;
}

export function projectFields(random: Random) {
  const project = random.pick(PROJECTS);
  return {
    is_system: false,
    pending_deleted: false,
    project_src: "local",
    tenant: project.name,
    tenant_id: project.id,
  };
}

export function zoneFields(random: Random) {
  const zone = random.pick(ZONES);
  return {
    cloudregion: zone.region,
    cloudregion_id: "default",
    region: zone.region,
    zone: zone.name,
    zone_id: zone.id,
  };
}

/** What a resource synced from a public cloud account carries on top of its details. */
export function cloudFields(random: Random) {
  const account = random.pick(CLOUD_ACCOUNTS);
  return {
    account: account.account,
    account_id: random.uuid(),
    brand: account.brand,
    cloud_env: "public",
    cloudregion: account.region,
    external_id: `${account.provider.toLowerCase()}-${random.hex(16)}`,
    manager: `${account.account}-sub`,
    manager_id: random.uuid(),
    provider: account.provider,
    region: account.region,
  };
}

export const CLOUD_COLUMNS = ["manager_id", "external_id"];
