/**
 * The search reader's worker thread (lib/search/search-reader.ts): answers each request
 * with readSearchBatch over its own connection, which never writes.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../db/sqlite";
import { readSearchBatch } from "./search-index-sqlite";
import type { SearchReadReply, SearchReadRequest } from "./search-reader";

const { databaseFile } = workerData as { databaseFile: string };
const db = openDatabase(databaseFile);
db.pragma("query_only = ON");

parentPort?.on("message", ({ id, after, maxRows }: SearchReadRequest) => {
  let reply: SearchReadReply;
  try {
    reply = { id, batch: readSearchBatch(db, after, maxRows) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
