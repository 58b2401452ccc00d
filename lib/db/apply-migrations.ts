import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

/**
 * Applies pending Prisma migrations with the project's own Prisma CLI (bundled
 * WebAssembly engine, nothing downloaded) before the server opens the database.
 */
export function applyMigrations(databaseUrl: string) {
  const require = createRequire(import.meta.url);
  const cli = require.resolve("prisma/build/index.js");
  execFileSync(process.execPath, [cli, "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
