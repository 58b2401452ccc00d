/**
 * `npm start`'s first half: builds only when the sources changed since the last
 * successful build, and says which it did (a restart with an up-to-date build skips the
 * ~45 s `next build`). `npm run build` always builds, and ends by stamping the build
 * folder with the fingerprint of the sources it was made from (`--stamp`).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sourceFingerprint } from "../lib/build/source-fingerprint";

const root = process.cwd();
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const stamp = path.join(root, distDir, "hooklens-sources.sha256");
const built = existsSync(path.join(root, distDir, "BUILD_ID"));
const current = sourceFingerprint(root);

// `npm run build` ends here: the build it just made is of these sources.
if (process.argv.includes("--stamp")) {
  writeFileSync(stamp, `${current}\n`);
  process.exit(0);
}
const previous = built && existsSync(stamp) ? readFileSync(stamp, "utf8").trim() : null;

if (previous === current) {
  console.log(
    `> The build in ${distDir}/ is up to date with the sources: starting without building.`,
  );
  process.exit(0);
}
console.log(
  built
    ? `> Sources changed since the last build: building (npm run build)…`
    : `> No build in ${distDir}/ yet: building (npm run build)…`,
);
const result = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
process.exit(result.status ?? 1);
