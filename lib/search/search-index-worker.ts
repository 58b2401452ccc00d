/**
 * The payload index's worker thread (lib/search/search-worker.ts): runs each step it is
 * asked for (runIndexStep) on its own connection, reading, tokenising and writing.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../db/sqlite";
import { runIndexStep } from "./search-index-step";
import type { SearchStepReply, SearchStepRequest } from "./search-worker";

const { databaseFile } = workerData as { databaseFile: string };
const db = openDatabase(databaseFile);

parentPort?.on("message", ({ id, step }: SearchStepRequest) => {
  let reply: SearchStepReply;
  try {
    reply = { id, result: runIndexStep(db, step) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
