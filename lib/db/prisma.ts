import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { getConfig } from "../config";
import { processSingleton } from "../process-singleton";
import { PrismaClient } from "../generated/prisma/client";

export function getPrisma(): PrismaClient {
  return processSingleton("prisma", () => {
    const adapter = new PrismaBetterSQLite3(
      { url: getConfig().DATABASE_URL, timeout: 5000 },
      { timestampFormat: "unixepoch-ms" },
    );
    return new PrismaClient({ adapter });
  });
}
