/**
 * A realistic, deterministic ~1 MB resource_details pair for the diff benchmarks: a
 * server with the details view's usual fields, long lists of disks, nics and secgroups
 * (objects with ids), a large metadata map, and a newer snapshot in which a fraction of
 * it changed, lists were reordered, items were added and removed.
 */

type Json = Record<string, unknown>;

/** mulberry32: the same pair on every run, so figures compare across runs. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = randomSource(20240501);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const hex = (n: number) => Array.from({ length: n }, () => pick([..."0123456789abcdef"])).join("");
const uuid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
const ip = () =>
  `10.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`;
const words = ["生产", "测试", "web", "db", "cache", "backup", "北京", "上海", "gpu", "batch"];

function disk(index: number): Json {
  return {
    id: uuid(),
    index,
    name: `disk-${index}-${pick(words)}`,
    disk_size: 10240 * (1 + Math.floor(random() * 50)),
    disk_type: index === 0 ? "sys" : "data",
    storage_id: uuid(),
    storage_type: pick(["local", "rbd", "nfs"]),
    medium_type: pick(["ssd", "rotate"]),
    driver: "virtio",
    cache_mode: "none",
    fs: pick(["ext4", "xfs", ""]),
    image_id: index === 0 ? uuid() : "",
    bps: 0,
    iops: 0,
    status: "ready",
    created_at: "2024-04-30T08:00:00.000000Z",
    updated_at: "2024-04-30T08:00:00.000000Z",
  };
}

function nic(index: number): Json {
  return {
    id: uuid(),
    index,
    mac: `00:22:${hex(2)}:${hex(2)}:${hex(2)}:${hex(2)}`,
    ip_addr: ip(),
    network_id: uuid(),
    network: `net-${pick(words)}-${index}`,
    vpc_id: "default",
    bw_limit: 0,
    driver: "virtio",
    is_default: index === 0,
  };
}

export function makeSnapshot(): Json {
  const metadata: Json = {};
  for (let i = 0; i < 12_000; i++)
    metadata[`user:label_${i}_${pick(words)}`] = `${pick(words)}-${hex(16)}`;
  return {
    id: uuid(),
    name: "服务器-bench-01",
    status: "running",
    hypervisor: "kvm",
    os_type: "Linux",
    vcpu_count: 8,
    vmem_size: 16384,
    host: "host-01",
    host_id: uuid(),
    zone: "zone-a",
    tenant: "system",
    tenant_id: uuid(),
    project_domain: "Default",
    domain_id: "default",
    can_delete: true,
    can_update: true,
    created_at: "2024-04-30T08:00:00.000000Z",
    updated_at: "2024-05-01T10:00:00.000000Z",
    update_version: 17,
    description: "x".repeat(4096),
    ips: Array.from({ length: 32 }, ip).join(","),
    metadata,
    disks_info: Array.from({ length: 800 }, (_, i) => disk(i)),
    nics: Array.from({ length: 600 }, (_, i) => nic(i)),
    secgroups: Array.from({ length: 400 }, () => ({ id: uuid(), name: `sg-${hex(6)}` })),
  };
}

/** A newer snapshot: ~1% of metadata changed, lists reordered and edited. */
export function makeNewerSnapshot(before: Json): Json {
  const after = structuredClone(before);
  after["updated_at"] = "2024-05-01T10:05:00.000000Z";
  after["update_version"] = 18;
  after["vmem_size"] = 32768;
  const metadata = after["metadata"] as Json;
  Object.keys(metadata).forEach((key, i) => {
    if (i % 100 === 0) metadata[key] = `changed-${hex(8)}`;
    if (i % 250 === 1) delete metadata[key];
  });
  metadata["user:added_after"] = "新";
  const disks = (after["disks_info"] as Json[]).reverse();
  disks.forEach((d, i) => {
    if (i % 40 === 0) d["status"] = "resizing";
  });
  disks.splice(10, 3);
  disks.push(disk(800));
  const nics = after["nics"] as Json[];
  nics.sort((a, b) => String(a["mac"]).localeCompare(String(b["mac"])));
  (after["secgroups"] as Json[]).shift();
  return after;
}

export function makePair(): { before: Json; after: Json; bytes: number } {
  const before = makeSnapshot();
  const after = makeNewerSnapshot(before);
  const bytes =
    Buffer.byteLength(JSON.stringify(before)) + Buffer.byteLength(JSON.stringify(after));
  return { before, after, bytes };
}

/** Median wall time of `runs` calls, in milliseconds, after a few warm-up calls. */
export function medianMs(runs: number, task: () => unknown): number {
  for (let i = 0; i < 3; i++) task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    task();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
