import { afterEach } from "vitest";
import { startOnEngine } from "./engine-database";
import { startServer, type RunningServer } from "./start-server";

/**
 * startServer for a file whose tests start servers of their own: each one is stopped
 * after the test that started it, even a test that failed half-way. One not given a
 * SQLite file runs on a new database of the project's engine (engine-database.ts).
 */
export function serversPerTest() {
  const started: RunningServer[] = [];
  afterEach(() => Promise.all(started.splice(0).map((server) => server.stop())));
  const start = async (options: Parameters<typeof startServer>[0] = {}) => {
    const server = await startServer(options);
    started.push(server);
    return server;
  };
  return (options: Parameters<typeof startServer>[0] = {}) =>
    options.databaseFile ? start(options) : startOnEngine(options, start);
}
