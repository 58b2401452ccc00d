/**
 * Writes prisma/postgres/schema.prisma from prisma/schema.prisma (lib/db/render-postgres-schema.ts).
 * Usage: npx tsx scripts/db/render-postgres-schema.ts [--check]
 * --check writes nothing and exits 1 when the checked-in file is not the rendering.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { POSTGRES_SCHEMA_PATH, renderPostgresSchema } from "../../lib/db/render-postgres-schema";

const rendered = renderPostgresSchema(readFileSync("prisma/schema.prisma", "utf8"));
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(POSTGRES_SCHEMA_PATH, "utf8");
  } catch {
    // A missing file is simply not the rendering.
  }
  if (current !== rendered) {
    console.error(
      `${POSTGRES_SCHEMA_PATH} is not the rendering of prisma/schema.prisma: run this script without --check.`,
    );
    process.exit(1);
  }
} else {
  writeFileSync(POSTGRES_SCHEMA_PATH, rendered);
  console.log(`Wrote ${POSTGRES_SCHEMA_PATH}`);
}
