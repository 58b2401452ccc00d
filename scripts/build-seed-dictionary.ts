/**
 * Writes lib/storage/seed-dictionary.ts, the zstd dictionary a new database starts with,
 * from simulated deliveries: the platform's key names, header set, value shapes and
 * Go-style escaping, which are what real deliveries share. The server reads the written
 * file and never loads the simulator; run this again only to change the seed
 * (`npx tsx scripts/build-seed-dictionary.ts`): databases keep the dictionary they have.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { generateDeliveries } from "../lib/simulator/generate-deliveries";
import { generateLoadDeliveries } from "../lib/simulator/load-deliveries";

/** zstd's "raw content" dictionary: plain text whose substrings recur in deliveries. */
const DICTIONARY_BYTES = 96 * 1024;

function buildSeedDictionary(): Buffer {
  const parts: string[] = [];
  let size = 0;
  const add = (delivery: { headers: Array<[string, string]>; body: string }) => {
    const text = `${JSON.stringify(delivery.headers)}\n${delivery.body}\n`;
    parts.push(text);
    size += Buffer.byteLength(text);
  };
  for (const delivery of generateDeliveries({ seed: 11, count: 60 })) add(delivery);
  for (const delivery of generateLoadDeliveries({ seed: 7, count: 200 })) {
    if (size >= DICTIONARY_BYTES) break;
    add(delivery);
  }
  // zstd weighs the end of a raw dictionary most: keep the most typical (load) text last.
  return Buffer.from(parts.join("")).subarray(-DICTIONARY_BYTES);
}

const target = path.resolve(import.meta.dirname, "../lib/storage/seed-dictionary.ts");
writeFileSync(
  target,
  [
    "// Written by scripts/build-seed-dictionary.ts: do not edit by hand.",
    "/** The zstd dictionary a new database starts with (base64 of 96 KiB of delivery text). */",
    `export const SEED_DICTIONARY_BASE64 =\n  "${buildSeedDictionary().toString("base64")}";`,
    "",
  ].join("\n"),
);
console.log(`wrote ${path.relative(process.cwd(), target)}`);
