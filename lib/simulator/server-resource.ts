import { generatedPassword, ipv4, macAddress } from "./names";
import type { ResourceSpec } from "./resource-catalog";
import { zoneFields } from "./resource-common";
import type { BuildContext } from "./sim-resource";

export const OS_CHOICES = [
  { os_type: "Linux", os_name: "CentOS 7.9", os_distribution: "CentOS", login: "root" },
  { os_type: "Linux", os_name: "Ubuntu 22.04", os_distribution: "Ubuntu", login: "cloudroot" },
  { os_type: "Linux", os_name: "Kylin V10", os_distribution: "Kylin", login: "root" },
  {
    os_type: "Windows",
    os_name: "Windows Server 2019",
    os_distribution: "Windows",
    login: "Administrator",
  },
];

/** One entry of a server's disks_info, as the guest details view lists attached disks. */
export function diskInfo(disk: Record<string, unknown>, index: number) {
  return {
    disk_format: disk.disk_format ?? "qcow2",
    disk_type: index === 0 ? "sys" : "data",
    driver: "virtio",
    fs_format: disk.fs_format ?? "ext4",
    id: disk.id,
    index,
    name: disk.name,
    size: disk.disk_size,
    storage_type: disk.storage_type ?? "local",
  };
}

/** One entry of a server's nics. */
export function nicInfo(context: BuildContext, index: number) {
  const network = context.related("network");
  return {
    index,
    ip_addr: ipv4(context.random),
    mac: macAddress(context.random),
    network: network?.details.name ?? "vnet-default",
    network_id: network?.id ?? "default-network",
    vpc_id: "default",
  };
}

export const server: ResourceSpec = {
  status: "running",
  projectOwned: true,
  columns: [
    "vcpu_count",
    "vmem_size",
    "host_id",
    "hypervisor",
    "os_type",
    "billing_type",
    "instance_type",
    "power_states",
  ],
  build(context) {
    const { random } = context;
    const os = random.pick(OS_CHOICES);
    const host = context.related("host");
    const nic = nicInfo(context, 0);
    const sysDisk = {
      id: random.uuid(),
      name: `sys-${random.hex(6)}`,
      disk_size: random.pick([30720, 40960, 51200]),
    };
    return {
      billing_type: "postpaid",
      brand: "OneCloud",
      cloud_env: "onpremise",
      cpu_sockets: 1,
      disk: sysDisk.disk_size,
      disks_info: [diskInfo(sysDisk, 0)],
      eip: "",
      host: host?.details.name ?? "host-a",
      host_id: host?.id ?? "h-0001",
      hypervisor: random.pick(["kvm", "kvm", "kvm", "esxi"]),
      instance_type: "",
      ips: nic.ip_addr,
      keypair: "",
      nics: [nic],
      os_arch: "x86_64",
      os_name: os.os_name,
      os_type: os.os_type,
      power_states: "on",
      provider: "OneCloud",
      secgroup: "Default",
      secgroups: [{ id: "default", name: "Default" }],
      shutdown_behavior: "stop",
      vcpu_count: random.pick([1, 2, 4]),
      vmem_size: random.pick([1024, 2048, 4096]),
      vpc: "Default",
      vpc_id: "default",
      ...zoneFields(random),
    };
  },
};

/** The account and plaintext password the platform puts in a server create event. */
export function serverLogin(context: BuildContext, details: Record<string, unknown>) {
  const os = OS_CHOICES.find((choice) => choice.os_name === details.os_name) ?? OS_CHOICES[0];
  return { login_account: os?.login ?? "root", password: generatedPassword(context.random) };
}
