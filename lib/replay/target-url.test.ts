import { describe, expect, it } from "vitest";
import { checkTargetUrl } from "./target-url";

const open = { allowPrivate: true };
const closed = { allowPrivate: false };

function reason(text: string, policy = open) {
  const check = checkTargetUrl(text, policy);
  return check.ok ? null : check.reason;
}

describe("checkTargetUrl", () => {
  it("accepts http and https URLs and keeps path and query", () => {
    const check = checkTargetUrl(" https://hooks.example.com:8443/in/x?a=1#frag ", open);
    expect(check).toMatchObject({ ok: true, host: "hooks.example.com", literal: false });
    expect(check.ok && check.url.toString()).toBe("https://hooks.example.com:8443/in/x?a=1");
  });

  it("accepts a loopback or private literal by default", () => {
    expect(checkTargetUrl("http://127.0.0.1:3000/x", open)).toMatchObject({
      ok: true,
      host: "127.0.0.1",
      literal: true,
    });
    expect(checkTargetUrl("http://[::1]:3000/x", open)).toMatchObject({
      ok: true,
      host: "::1",
      literal: true,
    });
    expect(checkTargetUrl("http://10.0.0.5/x", open).ok).toBe(true);
  });

  it("refuses loopback and private literals when configured", () => {
    expect(reason("http://127.0.0.1:3000/x", closed)).toContain("loopback");
    expect(reason("http://192.168.1.10/x", closed)).toContain("private");
    expect(reason("http://[fd00::1]/x", closed)).toContain("private");
  });

  it.each([
    "http://169.254.169.254/latest/meta-data/",
    "http://169.254.169.254:80/",
    "https://169.254.169.254/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[0:0:0:0:0:ffff:169.254.169.254]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[fe80::1]/",
    "http://2852039166/",
    "http://0xa9fea9fe/",
    "http://0xa9.0xfe.0xa9.0xfe/",
    "http://0251.0376.0251.0376/",
    "http://169.254.43518/",
    "http://100.100.100.200/latest/meta-data/",
    "http://0.0.0.0:3000/",
    "http://0/",
  ])("always refuses %s", (url) => {
    expect(reason(url)).toMatch(/^refused: /);
    expect(reason(url, closed)).toMatch(/^refused: /);
  });

  it.each([
    ["ftp://example.com/", "only http and https"],
    ["file:///etc/passwd", "only http and https"],
    ["javascript:alert(1)", "only http and https"],
    ["gopher://127.0.0.1:6379/", "only http and https"],
    ["example.com/hook", "not an absolute URL"],
    ["", "not an absolute URL"],
    ["http://user:pass@example.com/", "credentials"],
    [`http://example.com/${"a".repeat(3000)}`, "too long"],
  ])("refuses %j", (url, expected) => expect(reason(url)).toContain(expected));

  it("leaves host names to the connect-time check", () => {
    expect(checkTargetUrl("http://metadata.google.internal/", open)).toMatchObject({
      ok: true,
      literal: false,
    });
    expect(checkTargetUrl("http://localhost:3000/", closed)).toMatchObject({
      ok: true,
      literal: false,
    });
  });
});
