import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { getConfig } from "../config";
import { PrismaClient } from "../generated/prisma/client";

const KEY = Symbol.for("hooklens.prisma");
type Holder = { [KEY]?: PrismaClient };

export function getPrisma(): PrismaClient {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const adapter = new PrismaBetterSQLite3(
      { url: getConfig().DATABASE_URL, timeout: 5000 },
      { timestampFormat: "unixepoch-ms" },
    );
    holder[KEY] = new PrismaClient({ adapter });
  }
  return holder[KEY];
}
