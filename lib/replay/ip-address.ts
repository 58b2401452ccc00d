/**
 * IP address text to numbers, for the outbound guard. Pure and strict: only the forms a
 * resolver or the WHATWG URL parser produce (dotted-quad IPv4, any valid IPv6 text with
 * an optional embedded dotted quad, brackets or a zone). Anything else is not an address.
 */

/** An IPv4 address as an unsigned 32-bit number, or null. */
export function parseIPv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

function parseGroups(text: string): number[] | null {
  if (text === "") return [];
  const groups: number[] = [];
  for (const group of text.split(":")) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
    groups.push(parseInt(group, 16));
  }
  return groups;
}

/** An IPv6 address as eight 16-bit groups, or null. Accepts [brackets] and a %zone. */
export function parseIPv6(input: string): number[] | null {
  let text = input.startsWith("[") && input.endsWith("]") ? input.slice(1, -1) : input;
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  if (!text.includes(":")) return null;

  // A trailing dotted quad stands for the last two groups.
  const lastColon = text.lastIndexOf(":");
  const last = text.slice(lastColon + 1);
  if (last.includes(".")) {
    const v4 = parseIPv4(last);
    if (v4 === null) return null;
    const high = Math.floor(v4 / 65536).toString(16);
    const low = (v4 % 65536).toString(16);
    text = `${text.slice(0, lastColon + 1)}${high}:${low}`;
  }

  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0] ?? "");
  if (head === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const rest = parseGroups(halves[1] ?? "");
  if (rest === null) return null;
  const zeros = 8 - head.length - rest.length;
  if (zeros < 1) return null;
  return [...head, ...new Array<number>(zeros).fill(0), ...rest];
}

/** The IPv4 address carried in the last 32 bits of an IPv6 address. */
export function embeddedIPv4(groups: readonly number[]): number {
  return (groups[6] ?? 0) * 65536 + (groups[7] ?? 0);
}

export function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** Whether `value` lies in the IPv4 block `base`/`bits`. */
export function inIPv4Block(value: number, base: string, bits: number): boolean {
  const start = parseIPv4(base);
  if (start === null) throw new Error(`bad block ${base}`);
  const size = 2 ** (32 - bits);
  return value >= start && value < start + size;
}

/** Whether the groups lie in the IPv6 block `base`/`bits`. */
export function inIPv6Block(groups: readonly number[], base: string, bits: number): boolean {
  const start = parseIPv6(base);
  if (start === null) throw new Error(`bad block ${base}`);
  for (let i = 0; i < 8; i++) {
    const take = Math.min(16, Math.max(0, bits - i * 16));
    if (take === 0) return true;
    const mask = (0xffff << (16 - take)) & 0xffff;
    if (((groups[i] ?? 0) & mask) !== ((start[i] ?? 0) & mask)) return false;
  }
  return true;
}
