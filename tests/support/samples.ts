import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./start-server";

/** The shared sample deliveries (exact bytes), beside the repository as ../shared. */
export type Sample = {
  name: string;
  headers: Record<string, string>;
  body: string;
  expect: Record<string, unknown>;
};

export const SAMPLES_DIR = path.resolve(ROOT, "../shared/samples");

export function loadSamples(): Sample[] {
  return readdirSync(SAMPLES_DIR)
    .filter((file) => file.endsWith(".json"))
    .map((file) => JSON.parse(readFileSync(path.join(SAMPLES_DIR, file), "utf8")) as Sample);
}
