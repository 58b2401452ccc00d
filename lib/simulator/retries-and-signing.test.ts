import { describe, expect, it } from "vitest";
import { verifySignature } from "../cloudpods/verify-signature";
import { collect, header, parse } from "./test-helpers";

describe("re-sent duplicates", () => {
  const stream = collect({ seed: 3, robot: { secretKey: "k" } });
  const duplicates = stream.filter((d) => d.expect.duplicateOf !== null);

  it("repeat the first send's exact bytes and token, later, on a new trace", () => {
    expect(duplicates.length).toBeGreaterThan(5);
    for (const duplicate of duplicates) {
      const original = stream[duplicate.expect.duplicateOf!]!;
      expect(original.expect.duplicateOf).toBeNull();
      expect(duplicate.expect.sequence).toBeGreaterThan(original.expect.sequence + 1);
      expect(Buffer.from(duplicate.body).equals(Buffer.from(original.body))).toBe(true);
      expect(header(duplicate, "X-Auth-Token")).toBe(header(original, "X-Auth-Token"));
      expect(header(duplicate, "X-Yunion-Event")).toBe(header(original, "X-Yunion-Event"));
      expect(header(duplicate, "X-Request-Id")).not.toBe(header(original, "X-Request-Id"));
      expect(parse(duplicate).kind).toBe(original.expect.kind);
    }
  });

  it("are never validations (a failed validation is not retried: the robot is refused)", () => {
    for (const duplicate of duplicates) {
      expect(duplicate.expect.kind).not.toBe("verification");
    }
  });

  it("can be switched off", () => {
    expect(collect({ duplicateShare: 0 }).every((d) => d.expect.duplicateOf === null)).toBe(true);
  });
});

describe("signing with the robot's secret_key", () => {
  const secret = "s3cr3t-密钥";
  const signed = collect({ seed: 5, count: 300, robot: { secretKey: secret, msgKey: "text" } });

  it("puts an X-Auth-Token on every request that verifies over the exact body bytes", () => {
    // The validation variants of 3.10.3 (empty X-Yunion-Event) and 3.9 (VALIDATE) come from
    // releases that never sign.
    const fromSigningReleases = signed.filter(
      (d) => !(d.expect.kind === "verification" && d.expect.eventType !== null),
    );
    expect(fromSigningReleases.length).toBeGreaterThan(250);
    for (const delivery of fromSigningReleases) {
      const token = header(delivery, "X-Auth-Token");
      expect(token).toMatch(/^[0-9a-f]{64}$/);
      expect(verifySignature(secret, Buffer.from(delivery.body, "utf8"), token)).toBe(true);
      expect(delivery.expect.signed).toBe(true);
    }
  });

  it("does not verify with another secret or over re-serialized JSON", () => {
    const delivery = signed.find((d) => d.expect.kind === "event" && /[^\x00-\x7f]/.test(d.body))!;
    const token = header(delivery, "X-Auth-Token");
    expect(verifySignature("other", Buffer.from(delivery.body), token)).toBe(false);
    const pretty = JSON.stringify(JSON.parse(delivery.body), null, 2);
    expect(verifySignature(secret, Buffer.from(pretty), token)).toBe(false);
  });

  it("sends no token without a secret", () => {
    for (const delivery of collect({ count: 100 })) {
      expect(header(delivery, "X-Auth-Token")).toBeUndefined();
      expect(delivery.expect.signed).toBe(false);
    }
  });
});

describe("determinism", () => {
  it("gives the same stream, byte for byte, for the same seed and start", () => {
    const a = collect({ seed: 77, count: 300, robot: { secretKey: "x" } });
    const b = collect({ seed: 77, count: 300, robot: { secretKey: "x" } });
    expect(b).toEqual(a);
  });

  it("gives another stream for another seed, and moves timestamps with the start", () => {
    const a = collect({ seed: 77, count: 50 });
    expect(collect({ seed: 78, count: 50 }).map((d) => d.body)).not.toEqual(a.map((d) => d.body));
    const later = collect({ seed: 77, count: 50, startAt: Date.UTC(2027, 5, 1) });
    expect(later[1]?.body).toContain('"created_at":"2027-06-01T');
    expect(a[1]?.body).toContain('"created_at":"2026-01-05T');
  });

  it("can render every event as template text (a use_template robot)", () => {
    const texts = collect({ count: 200, robot: { useTemplate: true } });
    const kinds = new Set(texts.map((d) => parse(d).kind));
    expect(kinds).toEqual(new Set(["verification", "text"]));
  });
});

describe("releases that never sign", () => {
  it("send no X-Auth-Token whatever the robot's secret_key, in mixed streams too", () => {
    const stream = collect({
      seed: 9,
      count: 300,
      robot: { secretKey: "k" },
      release: "3.10.3",
    });
    expect(stream.every((d) => header(d, "X-Auth-Token") === undefined)).toBe(true);
    const mixed = collect({ seed: 9, count: 400, release: "mixed", alertShare: 0.05 });
    const forms = new Set(mixed.map((d) => header(d, "X-Yunion-Event") ?? "(absent)"));
    expect(forms.has("(absent)")).toBe(true);
    expect([...forms].some((form) => /^[A-Z]+_[A-Z_]+$/.test(form))).toBe(true);
    expect(mixed.some((d) => d.body.includes("\u001b"))).toBe(true);
  });
});
