import { describe, expect, it } from "vitest";
import { verifySignature } from "../cloudpods/verify-signature";
import { generateLoadDeliveries } from "./load-deliveries";
import { header, parse } from "./test-helpers";

describe("generateLoadDeliveries", () => {
  const load = [...generateLoadDeliveries({ seed: 1, count: 2000, robot: { secretKey: "bench" } })];
  const sizes = load.map((d) => Buffer.byteLength(d.body));

  it("averages about 3 KB a delivery, none tiny or huge", () => {
    const average = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(average).toBeGreaterThan(2700);
    expect(average).toBeLessThan(3300);
    expect(Math.min(...sizes)).toBeGreaterThan(1200);
    expect(Math.max(...sizes)).toBeLessThan(6000);
  });

  it("is all JSON events with distinct bodies, signed when asked", () => {
    expect(new Set(load.map((d) => d.body)).size).toBe(load.length);
    for (const delivery of load) {
      expect(parse(delivery)).toMatchObject({
        kind: "event",
        resourceId: delivery.expect.resourceId,
        parseError: null,
      });
      expect(
        verifySignature("bench", Buffer.from(delivery.body), header(delivery, "X-Auth-Token")),
      ).toBe(true);
    }
  });

  it("creates a resource before any event about it, and is the same for the same seed", () => {
    const created = new Set<string>();
    for (const delivery of load) {
      if (delivery.expect.action === "create") created.add(delivery.expect.resourceId!);
      else expect(created).toContain(delivery.expect.resourceId);
    }
    const again = [
      ...generateLoadDeliveries({ seed: 1, count: 50, robot: { secretKey: "bench" } }),
    ];
    expect(again).toEqual(load.slice(0, 50));
  });
});
