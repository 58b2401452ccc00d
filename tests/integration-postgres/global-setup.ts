import type { TestProject } from "vitest/node";
import { startPostgres } from "../support/start-postgres";
import { startServer } from "../support/start-server";

/**
 * The integration tests of the domains ported to PostgreSQL, against two instances of the
 * real server on one throwaway PostgreSQL database (a cluster without its load balancer):
 * `baseUrl` as `npm start` runs it, `routeBaseUrl` with receivers through the route
 * handler, as in the SQLite project, and each test may talk to the other instance too.
 * HOOKLENS_POSTGRES_UNFINISHED=1, since only part of Hooklens serves on PostgreSQL yet.
 */
export default async function setup(project: TestProject) {
  const postgres = await startPostgres();
  const url = await postgres.createDatabase("integration");
  const env = { DATABASE_URL: url, HOOKLENS_POSTGRES_UNFINISHED: "1" };
  const servers = await Promise.allSettled([
    startServer({ env }),
    startServer({ env: { ...env, HOOKLENS_FAST_INGEST: "0" } }),
  ]);
  const stopAll = async () => {
    for (const server of servers) if (server.status === "fulfilled") await server.value.stop();
    await postgres.stop();
  };
  const [fast, route] = servers;
  if (fast.status === "rejected" || route.status === "rejected") {
    await stopAll();
    throw fast.status === "rejected" ? fast.reason : (route as PromiseRejectedResult).reason;
  }
  project.provide("engine", "postgresql");
  project.provide("baseUrl", fast.value.baseUrl);
  project.provide("routeBaseUrl", route.value.baseUrl);
  project.provide("postgresUrl", postgres.url);
  return stopAll;
}
