import { describe, expect, it } from "vitest";
import { checkAddress, classifyAddress } from "./address-guard";
import { parseIPv4, parseIPv6 } from "./ip-address";

const open = { allowPrivate: true };
const closed = { allowPrivate: false };

describe("parseIPv4 / parseIPv6", () => {
  it.each([
    ["0.0.0.0", 0],
    ["255.255.255.255", 4294967295],
    ["169.254.169.254", 2852039166],
  ])("reads %s", (text, value) => expect(parseIPv4(text)).toBe(value));

  it.each([
    "256.1.1.1",
    "1.2.3",
    "1.2.3.4.5",
    "01.2.3.4",
    "a.b.c.d",
    "1..2.3",
    "",
    " 1.2.3.4",
    "0x7f.0.0.1",
  ])("rejects %j as IPv4", (text) => expect(parseIPv4(text)).toBeNull());

  it.each([
    ["::", [0, 0, 0, 0, 0, 0, 0, 0]],
    ["::1", [0, 0, 0, 0, 0, 0, 0, 1]],
    ["[::1]", [0, 0, 0, 0, 0, 0, 0, 1]],
    ["fe80::1%eth0", [0xfe80, 0, 0, 0, 0, 0, 0, 1]],
    ["fd00:ec2::254", [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254]],
    ["::ffff:169.254.169.254", [0, 0, 0, 0, 0, 0xffff, 0xa9fe, 0xa9fe]],
    ["::ffff:a9fe:a9fe", [0, 0, 0, 0, 0, 0xffff, 0xa9fe, 0xa9fe]],
    ["1:2:3:4:5:6:7:8", [1, 2, 3, 4, 5, 6, 7, 8]],
    ["1:2:3:4:5:6:1.2.3.4", [1, 2, 3, 4, 5, 6, 0x102, 0x304]],
    ["2001:DB8::", [0x2001, 0xdb8, 0, 0, 0, 0, 0, 0]],
  ])("reads %s", (text, groups) => expect(parseIPv6(text)).toEqual(groups));

  it.each([
    "1:2:3:4:5:6:7",
    "1:2:3:4:5:6:7:8:9",
    "1::2::3",
    "12345::",
    "g::1",
    "1.2.3.4",
    "::1.2.3",
    "1:2:3:4:5:6:7::8:9",
    "localhost",
  ])("rejects %j as IPv6", (text) => expect(parseIPv6(text)).toBeNull());
});

describe("classifyAddress", () => {
  it.each([
    // cloud metadata, whatever the spelling
    ["169.254.169.254", "metadata"],
    ["169.254.170.2", "metadata"],
    ["100.100.100.200", "metadata"],
    ["192.0.0.192", "metadata"],
    ["168.63.129.16", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["FD00:EC2:0:0:0:0:0:254", "metadata"],
    ["::ffff:169.254.169.254", "metadata"],
    ["::ffff:a9fe:a9fe", "metadata"],
    ["::ffff:0:169.254.169.254", "metadata"],
    ["::169.254.169.254", "metadata"],
    ["64:ff9b::169.254.169.254", "metadata"],
    ["64:ff9b:1::a9fe:a9fe", "metadata"],
    ["2002:a9fe:a9fe::1", "metadata"],
    ["[::ffff:169.254.169.254]", "metadata"],
    // link-local
    ["169.254.0.1", "link_local"],
    ["169.254.255.255", "link_local"],
    ["fe80::1", "link_local"],
    ["fe80::1%lo0", "link_local"],
    ["febf:ffff::1", "link_local"],
    ["::ffff:169.254.1.1", "link_local"],
    // never targets
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["::ffff:0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "reserved"],
    ["100::1", "reserved"],
    // loopback and private
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["100.127.255.255", "private"],
    ["198.18.0.1", "private"],
    ["fd12:3456::1", "private"],
    ["fc00::1", "private"],
    ["fec0::1", "private"],
    ["::ffff:10.0.0.1", "private"],
    ["64:ff9b::10.0.0.1", "private"],
    // public
    ["8.8.8.8", "public"],
    ["172.15.255.255", "public"],
    ["172.32.0.0", "public"],
    ["169.253.255.255", "public"],
    ["169.255.0.0", "public"],
    ["100.63.255.255", "public"],
    ["100.128.0.0", "public"],
    ["2001:4860:4860::8888", "public"],
    ["fec0::1:0", "private"],
    ["fe7f::1", "public"],
    ["fec0::", "private"],
    ["::ffff:8.8.8.8", "public"],
  ])("%s is %s", (address, expected) => expect(classifyAddress(address)).toBe(expected));

  it.each(["localhost", "example.com", "", "1.2.3.4.5", "http://1.2.3.4"])(
    "%j is not an address",
    (text) => expect(classifyAddress(text)).toBeNull(),
  );
});

describe("checkAddress", () => {
  it.each([
    "169.254.169.254",
    "fe80::1",
    "fd00:ec2::254",
    "::ffff:169.254.169.254",
    "0.0.0.0",
    "::",
    "224.0.0.1",
  ])("always refuses %s", (address) => {
    for (const policy of [open, closed]) {
      const verdict = checkAddress(address, policy);
      expect(verdict.allowed).toBe(false);
    }
  });

  it("says why in words an operator understands", () => {
    const verdict = checkAddress("169.254.169.254", open);
    expect(verdict).toMatchObject({ allowed: false, addressClass: "metadata" });
    expect(!verdict.allowed && verdict.reason).toBe("169.254.169.254 is a cloud metadata address");
    const local = checkAddress("fe80::1", open);
    expect(!local.allowed && local.reason).toContain("link-local");
  });

  it.each(["127.0.0.1", "::1", "10.0.0.8", "192.168.0.10", "fd12::1", "::ffff:127.0.0.1"])(
    "allows %s by default and refuses it when private targets are off",
    (address) => {
      expect(checkAddress(address, open).allowed).toBe(true);
      const verdict = checkAddress(address, closed);
      expect(verdict.allowed).toBe(false);
      expect(!verdict.allowed && verdict.reason).toContain("HOOKLENS_REPLAY_ALLOW_PRIVATE=0");
    },
  );

  it.each(["8.8.8.8", "2001:4860:4860::8888", "1.1.1.1"])(
    "allows public %s under either policy",
    (address) => {
      expect(checkAddress(address, open).allowed).toBe(true);
      expect(checkAddress(address, closed).allowed).toBe(true);
    },
  );

  it("refuses text that is not an address", () => {
    expect(checkAddress("metadata.google.internal", open)).toMatchObject({
      allowed: false,
      addressClass: "invalid",
    });
  });
});
