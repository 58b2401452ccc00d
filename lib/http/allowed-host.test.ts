import { describe, expect, it } from "vitest";
import { hostnameOf, hostnameOfUrl, isAllowedHost, parseAllowedHosts } from "./allowed-host";

describe("hostnameOf", () => {
  it.each([
    ["example.com", "example.com"],
    ["Example.COM:8080", "example.com"],
    ["example.com.", "example.com"],
    ["EXAMPLE.com.:443", "example.com"],
    ["127.0.0.1", "127.0.0.1"],
    ["127.0.0.1:3000", "127.0.0.1"],
    ["[::1]", "::1"],
    ["[::1]:3000", "::1"],
    ["[FE80::1]:80", "fe80::1"],
    ["[::ffff:127.0.0.1]:8080", "::ffff:127.0.0.1"],
    ["::1", "::1"],
    ["bücher.example", "xn--bcher-kva.example"],
    ["XN--BCHER-KVA.example", "xn--bcher-kva.example"],
    [" localhost:3000 ", "localhost"],
  ])("%j is %j", (host, name) => {
    expect(hostnameOf(host)).toBe(name);
  });

  it.each([
    undefined,
    "",
    ":3000",
    "a b",
    "%ff",
    "[::1",
    "[::1]x",
    "[evil.example]",
    "[::1]:99999",
    "evil.example:99999",
    "evil.example:",
    "evil.example:port",
    "user@evil.example",
    "evil.example/path",
    "xn--zz",
    ".",
  ])("%j is no host", (host) => {
    expect(hostnameOf(host)).toBeNull();
  });
});

describe("isAllowedHost", () => {
  const allowed = parseAllowedHosts("hooklens.internal, .corp.example");

  it.each([
    "127.0.0.1",
    "127.0.0.1:3000",
    "10.1.2.3:8080",
    "[::1]:3000",
    "[2001:db8::1]",
    "localhost",
    "LOCALHOST:3000",
    "localhost.",
    "app.localhost:3000",
    "hooklens.internal",
    "HOOKLENS.INTERNAL.:8443",
    "corp.example",
    "a.b.corp.example:80",
  ])("%j names this server", (host) => {
    expect(isAllowedHost(host, allowed)).toBe(true);
  });

  it.each([
    undefined,
    "evil.example",
    "evil.example:3000",
    "localhost.evil.example",
    "evillocalhost",
    "127.0.0.1.evil.example",
    "hooklens.internal.evil.example",
    "xhooklens.internal",
    "evilcorp.example",
    "[::1",
    "%ff",
  ])("%j does not", (host) => {
    expect(isAllowedHost(host, allowed)).toBe(false);
  });

  it("allows a listed name in unicode or punycode either way", () => {
    expect(isAllowedHost("xn--bcher-kva.example", parseAllowedHosts("bücher.example"))).toBe(true);
    expect(isAllowedHost("bücher.example:80", parseAllowedHosts("XN--BCHER-KVA.example"))).toBe(
      true,
    );
  });

  it("allows nothing but IPs and localhost with an empty list", () => {
    expect(isAllowedHost("hooklens.internal", [])).toBe(false);
    expect(isAllowedHost("192.168.0.10:3000", [])).toBe(true);
  });
});

describe("parseAllowedHosts", () => {
  it("reads names, ports and trailing dots into one spelling", () => {
    expect(parseAllowedHosts(" Hooks.Example.:8080 ,, .Corp.Example ")).toEqual([
      "hooks.example",
      ".corp.example",
    ]);
    expect(parseAllowedHosts(undefined)).toEqual([]);
    expect(parseAllowedHosts("")).toEqual([]);
  });

  it("refuses what is not a host name", () => {
    expect(() => parseAllowedHosts("hooks.example,a b")).toThrow(/"a b" is not a host name/);
    expect(() => parseAllowedHosts("https://hooks.example/")).toThrow(/not a host name/);
  });
});

describe("hostnameOfUrl", () => {
  it("is the host of a public URL, or null", () => {
    expect(hostnameOfUrl("https://Hooks.Example:8443/base")).toBe("hooks.example");
    expect(hostnameOfUrl("http://[::1]:3000")).toBe("::1");
    expect(hostnameOfUrl("not a url")).toBeNull();
    expect(hostnameOfUrl(null)).toBeNull();
  });
});
