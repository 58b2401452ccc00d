import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Prisma 6.19 with the JS engine: every CLI command runs on the bundled WebAssembly
// engine through this adapter, so nothing is downloaded.
const url = process.env.DATABASE_URL ?? "file:./data/hooklens.db";

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    const file = url.replace(/^file:/, "");
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return new PrismaBetterSQLite3({ url }, { timestampFormat: "unixepoch-ms" });
  },
});
