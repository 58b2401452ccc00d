import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-postgres/client";
import { processSingleton } from "../process-singleton";
import { connection, type Connection } from "./connection";

/** One client per connection, shared by every copy of this module in the process. */
const clients = () =>
  processSingleton("prismaClients", () => new WeakMap<Connection, PrismaClient>());

function createClient(db: Connection): PrismaClient {
  if (db.engine === "sqlite") {
    const adapter = new PrismaBetterSQLite3(
      { url: db.url, timeout: 5000 },
      { timestampFormat: "unixepoch-ms" },
    );
    return new PrismaClient({ adapter });
  }
  // The PostgreSQL client has the same models with the same field types (tsc checks it:
  // lib/db/client-types-agree.ts), so code written against one serves on the other; its
  // class is another declaration of the same API, hence the cast. It shares the pool.
  return new PostgresPrismaClient({ adapter: new PrismaPg(db.pool) }) as unknown as PrismaClient;
}

/** The Prisma client for the process's connection, of whichever engine DATABASE_URL names. */
export function getPrisma(): PrismaClient {
  const db = connection();
  let client = clients().get(db);
  if (!client) clients().set(db, (client = createClient(db)));
  return client;
}
