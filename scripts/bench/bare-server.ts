/**
 * The ingest baselines: a bare node:http server that does one better-sqlite3 insert per
 * request (WAL, synchronous=NORMAL, like Hooklens) and answers 200. Mode `insert` (the
 * floor) only stores bytes: no parsing, no signature, no compression, no batching. Mode
 * `parse-compress` also does the two things no receiver that keeps what Hooklens keeps can
 * skip: JSON.parse of the body (every delivery is classified by its fields) and zstd with
 * the seed dictionary, level 3, of its headers and body (issue 19 holds storage to 0.6x
 * raw), still one insert and nothing else: no validation, redaction, duplicate check,
 * indexes, resources, live feed or background work.
 */
import Database from "better-sqlite3";
import { createEncoder } from "../../lib/storage/content-codec";
import { seedDictionary } from "../../lib/storage/content-dictionary";
import { serveBare } from "./bare-http";

const file = process.argv[2];
const port = Number(process.argv[3] ?? 0);
const mode = process.argv[4] ?? "insert";
if (!file || (mode !== "insert" && mode !== "parse-compress")) {
  throw new Error("usage: bare-server.ts <db file> [port] [insert|parse-compress]");
}
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.exec(
  "CREATE TABLE IF NOT EXISTS deliveries (id INTEGER PRIMARY KEY, received_at INTEGER, headers TEXT, body BLOB)",
);
const insert = db.prepare("INSERT INTO deliveries (received_at, headers, body) VALUES (?, ?, ?)");
const encoder = mode === "parse-compress" ? createEncoder({ id: 1, data: seedDictionary() }) : null;

function store(headers: string[], body: Buffer) {
  if (!encoder)
    return Number(insert.run(Date.now(), JSON.stringify(headers), body).lastInsertRowid);
  JSON.parse(body.toString("utf8"));
  const packedHeaders = encoder.encode(Buffer.from(JSON.stringify(headers)));
  return Number(insert.run(Date.now(), packedHeaders, encoder.encode(body)).lastInsertRowid);
}

serveBare({ name: "bare", port, store, close: () => db.close() });
