import {
  embeddedIPv4,
  formatIPv4,
  inIPv4Block,
  inIPv6Block,
  parseIPv4,
  parseIPv6,
} from "./ip-address";

/**
 * Which addresses a replay may connect to. Pure: the connect-time lookup
 * (guarded-lookup.ts) and the URL check (target-url.ts) both ask it.
 *
 * Link-local and cloud metadata addresses are never a replay target: a replay there would
 * hand instance credentials to whoever can type a URL. Private and loopback ranges are a
 * main use (a local dev server, a staging box) and are allowed unless configured off.
 * IPv6 forms that carry an IPv4 address (mapped, translated, compatible, NAT64, 6to4)
 * are judged by that IPv4 address, so ::ffff:169.254.169.254 is refused like the original.
 */
export type AddressClass =
  | "metadata"
  | "link_local"
  | "unspecified"
  | "multicast"
  | "reserved"
  | "loopback"
  | "private"
  | "public";

export type GuardPolicy = { allowPrivate: boolean };

export type GuardVerdict =
  | { allowed: true; addressClass: AddressClass }
  | { allowed: false; addressClass: AddressClass | "invalid"; reason: string };

/** Cloud instance metadata and platform agents, outside or inside the link-local block. */
const METADATA_IPV4 = new Set([
  "169.254.169.254", // AWS, GCP, Azure, OpenStack, Huawei, DigitalOcean...
  "169.254.170.2", // AWS ECS task metadata
  "169.254.0.23", // Tencent Cloud
  "100.100.100.200", // Alibaba Cloud
  "192.0.0.192", // Oracle Cloud (legacy)
  "168.63.129.16", // Azure WireServer
]);
const METADATA_IPV6 = ["fd00:ec2::254", "fd00:ec2::23"].map((text) => parseIPv6(text)?.join(":"));

const ALWAYS_REFUSED: ReadonlySet<AddressClass> = new Set([
  "metadata",
  "link_local",
  "unspecified",
  "multicast",
  "reserved",
]);

function classifyIPv4(value: number): AddressClass {
  if (METADATA_IPV4.has(formatIPv4(value))) return "metadata";
  const block = (base: string, bits: number) => inIPv4Block(value, base, bits);
  if (block("169.254.0.0", 16)) return "link_local";
  if (block("0.0.0.0", 8)) return "unspecified"; // "this network": connects to this host
  if (block("127.0.0.0", 8)) return "loopback";
  if (block("224.0.0.0", 4)) return "multicast";
  if (block("240.0.0.0", 4)) return "reserved"; // includes 255.255.255.255
  const privateBlocks: Array<[string, number]> = [
    ["10.0.0.0", 8],
    ["172.16.0.0", 12],
    ["192.168.0.0", 16],
    ["100.64.0.0", 10], // carrier-grade NAT, also cloud-internal
    ["192.0.0.0", 24], // IETF protocol assignments
    ["198.18.0.0", 15], // benchmarking
  ];
  return privateBlocks.some(([base, bits]) => block(base, bits)) ? "private" : "public";
}

/** The IPv4 address an IPv6 address stands for, when it carries one. */
function carriedIPv4(groups: readonly number[]): number | null {
  const block = (base: string, bits: number) => inIPv6Block(groups, base, bits);
  if (block("::ffff:0:0", 96)) return embeddedIPv4(groups); // mapped
  if (block("::ffff:0:0:0", 96)) return embeddedIPv4(groups); // translated
  if (block("64:ff9b::", 96) || block("64:ff9b:1::", 48)) return embeddedIPv4(groups); // NAT64
  if (block("2002::", 16)) return (groups[1] ?? 0) * 65536 + (groups[2] ?? 0); // 6to4
  // Deprecated IPv4-compatible ::a.b.c.d (but not :: and ::1 themselves).
  if (block("::", 96) && embeddedIPv4(groups) > 1) return embeddedIPv4(groups);
  return null;
}

function classifyIPv6(groups: readonly number[]): AddressClass {
  if (METADATA_IPV6.includes(groups.join(":"))) return "metadata";
  const v4 = carriedIPv4(groups);
  if (v4 !== null) return classifyIPv4(v4);
  const block = (base: string, bits: number) => inIPv6Block(groups, base, bits);
  if (block("::", 128)) return "unspecified";
  if (block("::1", 128)) return "loopback";
  if (block("fe80::", 10)) return "link_local";
  if (block("ff00::", 8)) return "multicast";
  if (block("100::", 64)) return "reserved"; // discard-only
  if (block("fc00::", 7) || block("fec0::", 10)) return "private";
  return "public";
}

/** The class of an IP address text, or null when it is not an IP address. */
export function classifyAddress(address: string): AddressClass | null {
  const v4 = parseIPv4(address);
  if (v4 !== null) return classifyIPv4(v4);
  const v6 = parseIPv6(address);
  return v6 === null ? null : classifyIPv6(v6);
}

export function isIpAddress(text: string): boolean {
  return classifyAddress(text) !== null;
}

const REASONS: Record<AddressClass, string> = {
  metadata: "a cloud metadata address",
  link_local: "a link-local address",
  unspecified: "an unspecified address",
  multicast: "a multicast address",
  reserved: "a reserved address",
  loopback: "a loopback address (refused by HOOKLENS_REPLAY_ALLOW_PRIVATE=0)",
  private: "a private address (refused by HOOKLENS_REPLAY_ALLOW_PRIVATE=0)",
  public: "a public address",
};

/** Whether a replay may connect to `address` under `policy`, with the reason when not. */
export function checkAddress(address: string, policy: GuardPolicy): GuardVerdict {
  const addressClass = classifyAddress(address);
  if (addressClass === null) {
    return { allowed: false, addressClass: "invalid", reason: `${address} is not an IP address` };
  }
  const refused =
    ALWAYS_REFUSED.has(addressClass) ||
    (!policy.allowPrivate && (addressClass === "private" || addressClass === "loopback"));
  if (!refused) return { allowed: true, addressClass };
  return { allowed: false, addressClass, reason: `${address} is ${REASONS[addressClass]}` };
}
