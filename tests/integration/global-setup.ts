import type { TestProject } from "vitest/node";
import { startServer } from "../support/start-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** The server as `npm start` runs it: receivers on the fast node:http path. */
    baseUrl: string;
    /** The same build with receivers served by the Next.js route handler (on PostgreSQL,
     *  another instance on the same database). */
    routeBaseUrl: string;
    /** The engine the servers run on: the integration project's SQLite, or PostgreSQL in
     *  integration-postgres (the domains ported so far). */
    engine: "sqlite" | "postgresql";
  }
}

/** One server per transport for the whole run; tests keep apart by their own endpoints. */
export default async function setup(project: TestProject) {
  const [fast, route] = await Promise.all([
    startServer(),
    startServer({ env: { HOOKLENS_FAST_INGEST: "0" } }),
  ]);
  project.provide("engine", "sqlite");
  project.provide("baseUrl", fast.baseUrl);
  project.provide("routeBaseUrl", route.baseUrl);
  return async () => {
    await Promise.all([fast.stop(), route.stop()]);
  };
}
