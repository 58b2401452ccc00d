import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createEncoder, decodeBytes } from "./content-codec";
import { seedDictionary } from "./content-dictionary";

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(
      path.resolve(import.meta.dirname, `../../tests/fixtures/cloudpods/${name}.json`),
      "utf8",
    ),
  ) as { body: string };

describe("the seed dictionary", () => {
  it("is the 96 KiB of delivery text the script wrote", () => {
    const data = seedDictionary();
    expect(data.length).toBe(96 * 1024);
    expect(data.toString("utf8")).toContain('"resource_details":');
  });

  it("takes a real delivery to well under what zstd alone makes of it (703 → 282 bytes)", () => {
    const body = Buffer.from(fixture("server-create-with-password").body);
    const plain = createEncoder(null).encode(body).length;
    const encoder = createEncoder({ id: 1, data: seedDictionary() });
    const seeded = encoder.encode(body);
    expect(seeded.length).toBeLessThan(plain * 0.6);
    expect(decodeBytes(encoder.encoding, seeded, () => seedDictionary()).equals(body)).toBe(true);
  });
});
