import { describe, expect, it } from "vitest";
import { forwardedClient, isTrustedPeer, normalizeAddress, parseProxyTrust } from "./proxy-trust";

describe("parseProxyTrust", () => {
  it("is off unless told otherwise", () => {
    for (const value of [undefined, "", "0", "off", "false", "no", " OFF "])
      expect(parseProxyTrust(value)).toEqual({ mode: "off" });
    for (const value of ["1", "on", "true", "yes"])
      expect(parseProxyTrust(value)).toEqual({ mode: "all" });
  });

  it("takes a list of proxy addresses and refuses anything else", () => {
    const trust = parseProxyTrust("127.0.0.1, ::1,::ffff:10.0.0.9");
    expect(trust).toEqual({ mode: "list", addresses: new Set(["127.0.0.1", "::1", "10.0.0.9"]) });
    expect(() => parseProxyTrust("proxy.example")).toThrow(/not an IP address/);
    expect(() => parseProxyTrust("10.0.0.0/8")).toThrow(/not an IP address/);
  });
});

describe("isTrustedPeer", () => {
  it("trusts nobody when off, everybody when on, the listed peers otherwise", () => {
    expect(isTrustedPeer({ mode: "off" }, "127.0.0.1")).toBe(false);
    expect(isTrustedPeer({ mode: "all" }, "203.0.113.9")).toBe(true);
    const list = parseProxyTrust("127.0.0.1");
    expect(isTrustedPeer(list, "::ffff:127.0.0.1")).toBe(true);
    expect(isTrustedPeer(list, "127.0.0.2")).toBe(false);
    expect(isTrustedPeer(list, undefined)).toBe(false);
  });
});

describe("forwardedClient", () => {
  const list = parseProxyTrust("127.0.0.1,10.0.0.2");

  it("ignores X-Forwarded-For from a peer it does not trust", () => {
    expect(forwardedClient({ mode: "off" }, "::ffff:192.0.2.1", "198.51.100.7")).toBe("192.0.2.1");
    expect(forwardedClient(list, "192.0.2.1", "198.51.100.7")).toBe("192.0.2.1");
  });

  it("reads from the right past trusted proxies, so a prepended address does not count", () => {
    expect(forwardedClient(list, "127.0.0.1", "198.51.100.7")).toBe("198.51.100.7");
    expect(forwardedClient(list, "127.0.0.1", "6.6.6.6, 198.51.100.7, 10.0.0.2")).toBe(
      "198.51.100.7",
    );
    expect(forwardedClient(list, "127.0.0.1", "10.0.0.2")).toBe("10.0.0.2");
  });

  it("takes the leftmost hop when every peer is trusted, and the peer when the header is junk", () => {
    expect(forwardedClient({ mode: "all" }, "10.1.1.1", "198.51.100.7, 10.0.0.2")).toBe(
      "198.51.100.7",
    );
    expect(forwardedClient(list, "127.0.0.1", "not-an-address, <script>")).toBe("127.0.0.1");
    expect(forwardedClient(list, "127.0.0.1", undefined)).toBe("127.0.0.1");
  });

  it("normalizes IPv4-mapped addresses", () => {
    expect(normalizeAddress("::FFFF:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("::1")).toBe("::1");
  });
});
