import { ipv4, macAddress } from "./names";
import type { ResourceSpec } from "./resource-catalog";
import { zoneFields } from "./resource-common";
import { OS_CHOICES, server } from "./server-resource";

const host: ResourceSpec = {
  status: "running",
  projectOwned: false,
  columns: [
    "access_ip",
    "access_mac",
    "cpu_count",
    "mem_size",
    "mem_reserved",
    "host_type",
    "is_baremetal",
    "is_maintenance",
    "host_status",
    "enabled",
  ],
  build(context) {
    const { random } = context;
    const memSize = random.pick([131072, 262144, 524288]);
    return {
      access_ip: ipv4(random, "172.16"),
      access_mac: macAddress(random),
      cpu_count: random.pick([32, 48, 64, 96]),
      cpu_mhz: 2600,
      enabled: true,
      host_status: "online",
      host_type: "hypervisor",
      is_baremetal: false,
      is_import: false,
      is_maintenance: false,
      is_public: true,
      isolated_device_count: random.pick([0, 0, 2, 4]),
      manager_uri: "",
      mem_cmtbound: 1.2,
      mem_commit: 0,
      mem_commit_rate: 0,
      mem_reserved: Math.round(memSize * 0.05),
      mem_size: memSize,
      storage_size: random.pick([3815447, 7630894]),
      ...zoneFields(random),
    };
  },
};

const disk: ResourceSpec = {
  status: "ready",
  projectOwned: true,
  columns: ["disk_size", "disk_type", "disk_format", "storage_id", "fs_format", "auto_delete"],
  build(context) {
    const { random } = context;
    const storageType = random.pick(["local", "rbd", "nfs"]);
    return {
      auto_delete: false,
      disk_format: storageType === "rbd" ? "raw" : "qcow2",
      disk_size: random.pick([10240, 51200, 102400, 204800]),
      disk_type: "data",
      fs_format: random.pick(["ext4", "xfs", ""]),
      guest_count: 0,
      guests: [],
      medium_type: random.pick(["ssd", "rotate"]),
      storage: `${storageType}-storage-${random.int(1, 3)}`,
      storage_id: random.uuid(),
      storage_type: storageType,
      ...zoneFields(random),
    };
  },
};

const snapshot: ResourceSpec = {
  status: "ready",
  projectOwned: true,
  columns: ["disk_id", "disk_type", "size", "storage_id", "created_by"],
  build(context) {
    const source = context.related("disk");
    return {
      created_by: context.random.pick(["manual", "auto"]),
      disk_id: source?.id ?? context.random.uuid(),
      disk_name: source?.details.name ?? "",
      disk_type: "data",
      size: source?.details.disk_size ?? 51200,
      storage_id: source?.details.storage_id ?? context.random.uuid(),
    };
  },
};

const image: ResourceSpec = {
  status: "active",
  projectOwned: true,
  columns: ["disk_format", "size", "min_disk", "min_ram", "checksum", "is_public"],
  build(context) {
    const { random } = context;
    const os = random.pick(OS_CHOICES);
    return {
      checksum: random.hex(32),
      disk_format: "qcow2",
      is_public: random.chance(0.5),
      min_disk: 30720,
      min_ram: 1024,
      os_type: os.os_type,
      properties: { os_distribution: os.os_distribution, os_type: os.os_type },
      size: random.int(800, 4000) * 1048576,
    };
  },
};

export const COMPUTE_RESOURCES = { server, host, disk, snapshot, image };
