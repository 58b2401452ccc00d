import { describe, expect, it } from "vitest";
import {
  headerNameProblem,
  headerValueProblem,
  outboundHeaders,
  rawHeaderList,
} from "./outbound-headers";

const target = new URL("http://127.0.0.1:4000/in");

describe("outboundHeaders", () => {
  it("keeps the delivery's headers in order and case, recomputing Host and Content-Length in place", () => {
    const stored: Array<[string, string]> = [
      ["Host", "hooklens.example:3000"],
      ["User-Agent", "yunioncloud-go/201708"],
      ["Content-Length", "999"],
      ["Accept", "*/*"],
      ["X-Yunion-Event", "SERVER/CREATE"],
      ["X-Auth-Token", "abc"],
    ];
    expect(outboundHeaders(stored, target, 42)).toEqual([
      ["Host", "127.0.0.1:4000"],
      ["User-Agent", "yunioncloud-go/201708"],
      ["Content-Length", "42"],
      ["Accept", "*/*"],
      ["X-Yunion-Event", "SERVER/CREATE"],
      ["X-Auth-Token", "abc"],
      ["Connection", "close"],
    ]);
  });

  it("drops hop-by-hop headers, Expect, and headers the Connection header names", () => {
    const stored: Array<[string, string]> = [
      ["connection", "keep-alive, X-Hop"],
      ["Keep-Alive", "timeout=5"],
      ["Transfer-Encoding", "chunked"],
      ["TE", "trailers"],
      ["Trailer", "X-Sum"],
      ["Upgrade", "h2c"],
      ["Proxy-Authorization", "Basic eA=="],
      ["Proxy-Connection", "keep-alive"],
      ["Expect", "100-continue"],
      ["X-Hop", "1"],
      ["X-Kept", "yes"],
    ];
    expect(outboundHeaders(stored, target, 0)).toEqual([
      ["Host", "127.0.0.1:4000"],
      ["X-Kept", "yes"],
      ["Content-Length", "0"],
      ["Connection", "close"],
    ]);
  });

  it("sends one Host and one Content-Length however many the delivery had", () => {
    const headers = outboundHeaders(
      [
        ["A", "1"],
        ["host", "x"],
        ["HOST", "y"],
        ["content-length", "1"],
        ["Content-Length", "2"],
      ],
      new URL("https://h.example/p"),
      7,
    );
    expect(headers).toEqual([
      ["A", "1"],
      ["host", "h.example"],
      ["content-length", "7"],
      ["Connection", "close"],
    ]);
  });

  it("adds Host first and Content-Length last when the delivery had none", () => {
    expect(outboundHeaders([], new URL("http://[::1]:81/"), 3)).toEqual([
      ["Host", "[::1]:81"],
      ["Content-Length", "3"],
      ["Connection", "close"],
    ]);
  });

  it("keeps repeated headers and their order", () => {
    const headers = outboundHeaders(
      [
        ["X-A", "1"],
        ["x-a", "2"],
      ],
      target,
      0,
    );
    expect(headers.filter(([name]) => name.toLowerCase() === "x-a")).toEqual([
      ["X-A", "1"],
      ["x-a", "2"],
    ]);
  });

  it("flattens to Node's raw header list", () => {
    expect(
      rawHeaderList([
        ["A", "1"],
        ["b", "2"],
      ]),
    ).toEqual(["A", "1", "b", "2"]);
  });
});

describe("header checks", () => {
  it.each(["X-Yunion-Event", "x_under", "A1!#$%&'*+-.^_`|~"])("accepts the name %j", (name) =>
    expect(headerNameProblem(name)).toBeNull(),
  );
  it.each(["", "Bad Name", "X:Y", "Ünïcode", "a\nb", "(x)"])("refuses the name %j", (name) =>
    expect(headerNameProblem(name)).toContain("not a valid HTTP header name"),
  );
  it("refuses values that would split the request", () => {
    expect(headerValueProblem("X", "ok value\twith tab, caf\u00e9 \u00ff")).toBeNull();
    // Node's HTTP client throws on these: they are refused before anything is sent.
    expect(headerValueProblem("X", "a\u0001b")).toContain("control character U+0001");
    expect(headerValueProblem("X", "a\u007fb")).toContain("control character U+007F");
    expect(headerValueProblem("X", "名前")).toContain("U+540D");
    expect(headerValueProblem("X", "\u0100")).toContain("up to U+00FF");
    expect(headerValueProblem("X", "a\r\nHost: evil")).toContain("line break");
    expect(headerValueProblem("X", "a\0b")).toContain("NUL");
  });
});
