import { afterAll, beforeAll, expect, inject } from "vitest";
import { sendDelivery } from "./api";
import type { resourceEvent } from "./deliveries";
import { startForwardSink, type ForwardSink } from "./forward-sink";
import { freshDatabase } from "./start-postgres";
import { startServer, type RunningServer } from "./start-server";

/**
 * A database of its own on the project's engine, and a way to start servers on it: a
 * SQLite file, or (in integration-postgres) a PostgreSQL database of its own, since
 * forwarding tests count every job of a rule and restart servers on the same database.
 */
export async function forwardingDatabase(label = "forwarding") {
  if (inject("engine") === "sqlite") {
    let databaseFile: string | undefined;
    return async (env: Record<string, string> = {}) => {
      const server = await startServer({ env, ...(databaseFile ? { databaseFile } : {}) });
      databaseFile = server.databaseFile;
      return server;
    };
  }
  const url = await freshDatabase(inject("postgresUrl"), label);
  return (env: Record<string, string> = {}) =>
    startServer({ env: { ...env, DATABASE_URL: url, HOOKLENS_POSTGRES_UNFINISHED: "1" } });
}

/** A server of its own on the project's engine, on a fresh database. */
export async function startForwardingServer(env: Record<string, string> = {}) {
  return (await forwardingDatabase())(env);
}

/** A server that retries forwards fast and gives up soon, beside a sink to forward to. */
export async function startForwarding() {
  const [server, sink] = await Promise.all([
    startForwardingServer({
      HOOKLENS_RATE_LIMIT: "0",
      HOOKLENS_FORWARD_RETRY_MS: "100",
      HOOKLENS_FORWARD_MAX_AGE_MS: "3000",
      HOOKLENS_FORWARD_DOWN_AFTER_MS: "1000",
    }),
    startForwardSink(),
  ]);
  return { server, sink };
}

/**
 * The forwarding server and its sink for a whole test file: started before its tests,
 * stopped after them. The objects are filled in once started, so a file holds them from
 * its top.
 */
export function forwardingPerFile() {
  const server = {} as RunningServer;
  const sink = {} as ForwardSink;
  beforeAll(async () => {
    const started = await startForwarding();
    Object.assign(server, started.server);
    Object.assign(sink, started.sink);
  });
  afterAll(async () => {
    await Promise.all([server.stop?.(), sink.close?.()]);
  });
  return { server, sink, at: (path: string) => requestsAt(sink, path) };
}

/** Requests that reached the sink at one path (each test uses its own). */
export const requestsAt = (sink: ForwardSink, path: string) =>
  sink.requests.filter((request) => request.path === path);

/** Sends a delivery that the receiver must take, and gives its id. */
export async function send(receiverUrl: string, delivery: ReturnType<typeof resourceEvent>) {
  const answer = await sendDelivery(receiverUrl, delivery);
  expect(answer.status).toBe(200);
  return answer.body.id as number;
}
