import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** One delivery of tests/fixtures/cloudpods/releases: a shape some release sends, the
 *  endpoint settings it needs, and what Hooklens should make of it. */
export type ReleaseFixture = {
  name: string;
  note: string;
  method: "POST" | "GET" | "HEAD";
  headers: Array<[string, string]>;
  body: string;
  endpoint?: { secret_key?: string; msg_key?: string; body?: Record<string, unknown> };
  expect: Record<string, unknown>;
};

export const RELEASE_FIXTURES_DIR = path.resolve(
  import.meta.dirname,
  "../fixtures/cloudpods/releases",
);

export function loadReleaseFixtures(): ReleaseFixture[] {
  return readdirSync(RELEASE_FIXTURES_DIR)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map(
      (file) =>
        JSON.parse(readFileSync(path.join(RELEASE_FIXTURES_DIR, file), "utf8")) as ReleaseFixture,
    );
}
