import { createServer } from "node:http";

/**
 * The HTTP side of the bare ingest baselines (bare-server.ts on SQLite,
 * bare-postgres-server.ts on PostgreSQL): read the body, store it, answer 200 with the
 * row's id, nothing else. A synchronous store answers in the same turn (no promise per
 * request on SQLite's floor); an asynchronous one when its insert returns.
 */
export function serveBare(options: {
  name: string;
  port: number;
  store: (headers: string[], body: Buffer) => number | Promise<number>;
  close: () => unknown;
}) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const answer = (id: number) => {
        const json = JSON.stringify({ ok: true, id });
        res.writeHead(200, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(json),
        });
        res.end(json);
      };
      const fail = (error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(error));
      };
      try {
        const stored = options.store(req.rawHeaders, Buffer.concat(chunks));
        if (typeof stored === "number") answer(stored);
        else stored.then(answer, fail);
      } catch (error) {
        fail(error);
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(options.port, "127.0.0.1", () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : options.port;
    console.log(`${options.name} ready ${port}`);
  });
  process.on("SIGTERM", () => {
    server.close();
    void Promise.resolve(options.close()).finally(() => process.exit(0));
  });
}
