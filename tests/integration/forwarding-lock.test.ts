import { spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEndpoint, sendDelivery } from "../support/api";
import { resourceEvent } from "../support/deliveries";
import { startForwardSink, type ForwardSink } from "../support/forward-sink";
import { createRule } from "../support/forwards";
import { ROOT, startServer } from "../support/start-server";

let sink: ForwardSink;

beforeAll(async () => {
  sink = await startForwardSink();
});

afterAll(async () => {
  await sink?.close();
});

/** Another connection that takes the write lock for `holdMs` at a time with short gaps,
 *  and writes each time, as the payload index's worker does (lib/search). */
function contendForTheLock(databaseFile: string, forMs: number, holdMs = 40) {
  const script = `
    const db = new (require("better-sqlite3"))(${JSON.stringify(databaseFile)}, { timeout: 5000 });
    const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    const write = db.prepare("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('lock_test', ?, 0)");
    for (let until = Date.now() + ${forMs}, n = 0; Date.now() < until; n++) {
      db.exec("BEGIN IMMEDIATE"); write.run(String(n)); sleep(${holdMs}); db.exec("COMMIT"); sleep(1);
    }`;
  const child = spawn(process.execPath, ["-e", script], { cwd: ROOT, stdio: "inherit" });
  return new Promise<void>((resolve, reject) =>
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`locker: ${code}`)))),
  );
}

// The index worker writes on its own connection: a claim that read before the worker
// committed failed with SQLITE_BUSY and stopped the sender until the next delivery.
it("sends every queued forward after another connection held the write lock", async () => {
  const server = await startServer({ env: { HOOKLENS_RATE_LIMIT: "0" } });
  try {
    const endpoint = await createEndpoint(server.baseUrl);
    await createRule(server.baseUrl, {
      url: sink.url("/locked"),
      filter: { endpoint: endpoint.id },
    });
    const contending = contendForTheLock(server.databaseFile, 4000);
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) {
      const event = resourceEvent({ id: `locked-${i % 4}`, details: { i } });
      const answer = await sendDelivery(endpoint.receiver_url, event);
      expect(answer.status).toBe(200);
      ids.push(answer.body.id as number);
    }
    await contending;
    // Nothing new arrives to wake the sender: it must carry on by itself.
    const arrived = () =>
      new Set(
        sink.requests
          .filter((request) => request.path === "/locked")
          .map((request) => Number(request.header("x-hooklens-delivery"))),
      );
    await sink.until(() => ids.every((id) => arrived().has(id)), 20_000);
    expect(server.output()).not.toContain("uncaughtException");
  } finally {
    await server.stop();
  }
});
