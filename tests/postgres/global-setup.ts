import type { TestProject } from "vitest/node";
import { startPostgres } from "../support/start-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of a throwaway PostgreSQL server; each test makes its own databases. */
    postgresUrl: string;
  }
}

/** One throwaway PostgreSQL server for the whole run (initdb takes about a second). */
export default async function setup(project: TestProject) {
  const postgres = await startPostgres();
  project.provide("postgresUrl", postgres.url);
  return () => postgres.stop();
}
