import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./start-server";

/** The Cloudpods deliveries kept as fixtures (exact bytes); see tests/fixtures/cloudpods/README.md. */
export type Sample = {
  name: string;
  note?: string;
  headers: Record<string, string>;
  body: string;
  expect: Record<string, unknown>;
};

export const SAMPLES_DIR = path.resolve(ROOT, "tests/fixtures/cloudpods");

export function loadSamples(): Sample[] {
  return readdirSync(SAMPLES_DIR)
    .filter((file) => file.endsWith(".json"))
    .map((file) => JSON.parse(readFileSync(path.join(SAMPLES_DIR, file), "utf8")) as Sample);
}
