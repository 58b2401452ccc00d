import { ipv4 } from "./names";
import type { ResourceSpec } from "./resource-catalog";
import { zoneFields } from "./resource-common";

const network: ResourceSpec = {
  status: "available",
  projectOwned: true,
  columns: [
    "guest_ip_start",
    "guest_ip_end",
    "guest_ip_mask",
    "guest_gateway",
    "vlan_id",
    "wire_id",
    "server_type",
    "is_public",
  ],
  build(context) {
    const { random } = context;
    const prefix = `10.${random.int(1, 250)}.${random.int(0, 250)}`;
    return {
      guest_dns: "114.114.114.114",
      guest_gateway: `${prefix}.1`,
      guest_ip_end: `${prefix}.254`,
      guest_ip_mask: 24,
      guest_ip_start: `${prefix}.2`,
      is_public: true,
      ports: 253,
      ports_used: random.int(0, 40),
      public_scope: "domain",
      server_type: "guest",
      vlan_id: random.int(1, 4094),
      vpc: "Default",
      vpc_id: "default",
      wire: "bcast0",
      wire_id: random.uuid(),
      ...zoneFields(random),
    };
  },
};

const vpc: ResourceSpec = {
  status: "available",
  projectOwned: true,
  columns: ["cidr_block", "is_default", "cloudregion_id"],
  build(context) {
    const { random } = context;
    return {
      cidr_block: `192.168.${random.pick([0, 16, 32])}.0/20`,
      cloudregion: "region0",
      cloudregion_id: "default",
      is_default: false,
      network_count: 0,
      wire_count: 1,
    };
  },
};

const eip: ResourceSpec = {
  status: "ready",
  projectOwned: true,
  columns: [
    "ip_addr",
    "bandwidth",
    "charge_type",
    "mode",
    "associate_id",
    "associate_type",
    "network_id",
  ],
  build(context) {
    const { random } = context;
    return {
      associate_id: "",
      associate_name: "",
      associate_type: "",
      bandwidth: random.pick([1, 5, 10, 100]),
      charge_type: random.pick(["traffic", "bandwidth"]),
      ip_addr: ipv4(random, `${random.pick([47, 101, 121, 139])}.${random.int(1, 250)}`),
      mode: "elastic_ip",
      network: "eip-pool",
      network_id: random.uuid(),
      ...zoneFields(random),
    };
  },
};

const secgroup: ResourceSpec = {
  status: "ready",
  projectOwned: true,
  columns: ["is_dirty", "vpc_id"],
  build(context) {
    return {
      guest_cnt: 0,
      is_dirty: false,
      rules: [
        {
          action: "allow",
          cidr: "0.0.0.0/0",
          direction: "in",
          ports: "22",
          priority: 1,
          protocol: "tcp",
        },
        {
          action: "allow",
          cidr: "0.0.0.0/0",
          direction: "in",
          ports: context.random.pick(["80", "443", "3389"]),
          priority: 1,
          protocol: "tcp",
        },
      ],
      vpc_id: "default",
    };
  },
};

export const NETWORK_RESOURCES = { network, vpc, eip, secgroup };
