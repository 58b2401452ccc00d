import type Database from "better-sqlite3";
import { findSearchPage } from "./search-query-sqlite";

/** The deliveries and queries the SQLite search tests run: each query over every delivery. */
export type Details = Record<string, unknown>;
export const deliveries: Array<{ details: Details | null; name?: string; message?: string }> = [
  {
    details: {
      id: "s-1",
      name: "web-01",
      status: "running",
      host: "node-48",
      vcpu_count: 8,
      ips: "10.168.115.57",
      nics: [
        { mac: "00:22:a9:01:06:aa", ip_addr: "10.168.115.57" },
        { mac: "fa:16:3e:01:02:03", ip_addr: "10.0.0.9" },
      ],
      metadata: { owner: "team-a" },
      description: "测试服务器",
    },
  },
  {
    details: {
      id: "s-2",
      name: "web-02",
      status: "ready",
      host: "node-480",
      vcpu_count: 2,
      ips: "10.168.115.58",
      nics: [{ mac: "00:23:00:00:00:01" }],
      metadata: { owner: "team-b" },
      password: "[redacted]",
    },
  },
  {
    details: {
      id: "h-1",
      name: "node-48",
      status: "running",
      cpu_count: "32",
      storages: [{ status: "offline", capacity: 1_000_000 }],
    },
  },
  { details: null, message: "CPU alert on node-48: 100% used_by db_x" },
  { details: { id: "d-1", name: "DISK-Ω", size: "08", disk_format: "qcow2" } },
];

export const queries = [
  "10.168.115.57",
  "10.168.115.5",
  "node-48",
  "NODE-48",
  "测试",
  "服务器",
  "测",
  "host:node-48",
  "host:node-4*",
  "host:*48",
  "status:running",
  "status:running -host:node-48",
  "-status:running",
  "storages.status:offline",
  "status:offline",
  "nics.mac:00:22:*",
  "mac:fa:16:3e:01:02:03",
  '"fa:16:3e"',
  "fa:16:3e",
  "metadata.owner:team-a",
  "owner:team-*",
  "vcpu_count:8",
  "vcpu_count:>4",
  "vcpu_count:>=2 vcpu_count:<8",
  "cpu_count:>16",
  "size:8",
  "capacity:1000000",
  "eip:*",
  "metadata.owner:*",
  "100%",
  "db_",
  "_",
  "disk-ω",
  "web*02",
  "redacted",
  "password:*",
  "no-such-value",
  "qcow2 -ready",
];

/** The ids of a search's first page (up to 50), newest first. */
export const searchPageIds = (db: Database.Database, text: string) =>
  findSearchPage<{ id: number }>(db, {
    text,
    columns: "d.id",
    where: { sql: "1 = 1", params: {} },
    limit: 50,
  }).map((row) => row.id);
