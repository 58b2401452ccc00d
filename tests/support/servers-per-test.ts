import { afterEach } from "vitest";
import { startServer, type RunningServer } from "./start-server";

/**
 * startServer for a file whose tests start servers of their own: each one is stopped
 * after the test that started it, even a test that failed half-way.
 */
export function serversPerTest() {
  const started: RunningServer[] = [];
  afterEach(() => Promise.all(started.splice(0).map((server) => server.stop())));
  return async (options: Parameters<typeof startServer>[0] = {}) => {
    const server = await startServer(options);
    started.push(server);
    return server;
  };
}
