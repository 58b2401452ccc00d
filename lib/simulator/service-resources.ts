import { personName, PROJECTS } from "./names";
import type { ResourceSpec } from "./resource-catalog";

/** A keystone user: domain-owned, no status column, enabled instead. */
const user: ResourceSpec = {
  status: null,
  projectOwned: false,
  columns: ["displayname", "email", "mobile", "enabled", "is_system_account", "failed_auth_count"],
  build(context) {
    const { random } = context;
    const project = random.pick(PROJECTS);
    const login = `${random.pick(["dev", "ops", "qa", "fin"])}${random.int(10, 99)}`;
    return {
      displayname: personName(random),
      email: `${login}@example.com`,
      enabled: true,
      enable_mfa: false,
      failed_auth_count: 0,
      idp: "",
      is_system_account: false,
      last_active_at: context.now,
      last_login_ip: `192.168.${random.int(0, 9)}.${random.int(2, 250)}`,
      mobile: `138${random.int(10000000, 99999999)}`,
      project_count: 1,
      projects: [{ id: project.id, name: project.name }],
    };
  },
};

const dbinstance: ResourceSpec = {
  status: "running",
  projectOwned: true,
  columns: [
    "engine",
    "engine_version",
    "instance_type",
    "vcpu_count",
    "vmem_size_mb",
    "disk_size_gb",
    "category",
    "port",
  ],
  build(context) {
    const { random } = context;
    const engine = random.pick([
      { engine: "MySQL", version: "8.0", port: 3306 },
      { engine: "PostgreSQL", version: "14", port: 5432 },
    ]);
    return {
      category: random.pick(["basic", "ha"]),
      connection_str: `rm-${random.hex(12)}.mysql.rds.example.com`,
      disk_size_gb: random.pick([20, 50, 100]),
      engine: engine.engine,
      engine_version: engine.version,
      instance_type: "rds.mysql.s2.large",
      port: engine.port,
      storage_type: "local_ssd",
      vcpu_count: 2,
      vmem_size_mb: 4096,
    };
  },
};

const bucket: ResourceSpec = {
  status: "ready",
  projectOwned: true,
  columns: ["storage_class", "acl", "size_bytes", "object_cnt", "location"],
  build(context) {
    const { random } = context;
    return {
      access_urls: [
        {
          description: "bucket domain",
          primary: true,
          url: `https://bucket-${random.hex(6)}.oss.example.com`,
        },
      ],
      acl: random.pick(["private", "public-read"]),
      location: "cn-hangzhou",
      object_cnt: random.int(0, 5000),
      size_bytes: random.int(0, 1e10),
      storage_class: "STANDARD",
    };
  },
};

export const SERVICE_RESOURCES = { user, dbinstance, bucket };
