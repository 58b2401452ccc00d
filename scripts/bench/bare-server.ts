/**
 * The ingest baseline: a bare node:http server that does one better-sqlite3 insert per
 * request (WAL, synchronous=NORMAL, like Hooklens) and answers 200. It only stores
 * bytes: no parsing, no signature, no compression, no batching.
 */
import { createServer } from "node:http";
import Database from "better-sqlite3";

const file = process.argv[2];
const port = Number(process.argv[3] ?? 0);
if (!file) throw new Error("usage: bare-server.ts <db file> [port]");
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.exec(
  "CREATE TABLE IF NOT EXISTS deliveries (id INTEGER PRIMARY KEY, received_at INTEGER, headers TEXT, body BLOB)",
);
const insert = db.prepare("INSERT INTO deliveries (received_at, headers, body) VALUES (?, ?, ?)");

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const info = insert.run(Date.now(), JSON.stringify(req.rawHeaders), Buffer.concat(chunks));
    const json = JSON.stringify({ ok: true, id: Number(info.lastInsertRowid) });
    res.writeHead(200, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(json),
    });
    res.end(json);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`bare ready ${typeof address === "object" && address ? address.port : port}`);
});
process.on("SIGTERM", () => {
  server.close();
  db.close();
  process.exit(0);
});
