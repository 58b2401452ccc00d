import type { Random } from "./random";

/**
 * Names and places an operator's platform is full of: English and Chinese resource names,
 * projects, zones, cloud accounts. Chinese shows up often in the field, so it does here.
 */
const SERVER_NAMES = [
  "web",
  "api",
  "db",
  "cache",
  "gateway",
  "worker",
  "jenkins",
  "gitlab",
  "es-node",
  "k8s-node",
];
const SERVER_NAMES_CN = [
  "测试虚拟机",
  "生产数据库",
  "研发环境",
  "财务系统",
  "监控主机",
  "订单服务",
];
const HOST_NAMES = ["node", "compute", "kvm-host", "gpu-host"];
const DISK_NAMES_CN = ["数据盘", "日志盘", "备份盘"];
const NETWORK_NAMES_CN = ["办公网络", "生产网段", "管理网"];
const SURNAMES = ["zhang", "wang", "li", "liu", "chen", "yang", "zhao", "huang"];
const CHINESE_PEOPLE = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强"];
const EXTRA_WORDS_CN = ["测试", "生产", "研发", "备份"];

export const PROJECTS = [
  { id: "d7a5f1c2e9b84f0a8c1d2e3f4a5b6c7d", name: "system" },
  { id: "5b1e9c0d7a3f4e2b9d8c7a6b5e4f3a21", name: "ops" },
  { id: "8c2f4a6e1b3d4c5e8f7a9b0c1d2e3f45", name: "研发部" },
  { id: "1f3e5d7c9b2a4f6e8d0c1b3a5e7f9d2c", name: "finance" },
];
export const DOMAINS = [{ id: "default", name: "Default" }];
export const ZONES = [
  { id: "7c9e1f3a-5b2d-4e6f-8a0b-1c2d3e4f5a6b", name: "zone0", region: "region0" },
  { id: "3a5b7c9d-1e2f-4a3b-8c4d-5e6f7a8b9c0d", name: "zone1", region: "region0" },
];
export const CLOUD_ACCOUNTS = [
  { provider: "Aliyun", brand: "Aliyun", account: "aliyun-prod", region: "华东1（杭州）" },
  { provider: "Huawei", brand: "Huawei", account: "huawei-dev", region: "华北-北京四" },
  { provider: "Aws", brand: "Aws", account: "aws-global", region: "US East (N. Virginia)" },
  { provider: "Qcloud", brand: "Qcloud", account: "tencent-test", region: "华南地区(广州)" },
];

function numbered(random: Random, base: string) {
  return `${base}-${String(random.int(1, 99)).padStart(2, "0")}`;
}

/** A name for a new resource of `resourceType`; about one in four is Chinese. */
export function resourceName(random: Random, resourceType: string): string {
  const chinese = random.chance(0.25);
  switch (resourceType) {
    case "server":
      return chinese
        ? numbered(random, random.pick(SERVER_NAMES_CN))
        : numbered(random, random.pick(SERVER_NAMES));
    case "host":
      return numbered(random, random.pick(HOST_NAMES));
    case "disk":
      return chinese ? numbered(random, random.pick(DISK_NAMES_CN)) : `vdisk-${random.hex(6)}`;
    case "network":
      return chinese ? random.pick(NETWORK_NAMES_CN) : `vnet-${random.int(100, 999)}`;
    case "user":
      return `${random.pick(SURNAMES)}${random.pick(["wei", "fang", "na", "yang", "jing", "lei"])}`;
    default:
      return chinese
        ? `${random.pick(EXTRA_WORDS_CN)}-${resourceType}-${random.int(1, 9)}`
        : `${resourceType}-${random.hex(5)}`;
  }
}

export function personName(random: Random): string {
  return random.pick(CHINESE_PEOPLE);
}

export function ipv4(random: Random, prefix = "10.168"): string {
  return `${prefix}.${random.int(1, 254)}.${random.int(2, 254)}`;
}

export function macAddress(random: Random): string {
  return ["00", "22", ...Array.from({ length: 4 }, () => random.hex(2))].join(":");
}

/** A password like the ones the platform generates for new servers (12 characters, mixed). */
export function generatedPassword(random: Random): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  let out = "";
  for (let i = 0; i < 10; i++) out += alphabet[random.int(0, alphabet.length - 1)];
  return out + random.pick(["@", "#", "!", "%"]) + random.int(0, 9);
}
