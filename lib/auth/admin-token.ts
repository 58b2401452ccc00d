import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { databaseFile, getConfig } from "../config";
import { processSingleton } from "../process-singleton";

/**
 * The admin token: HOOKLENS_ADMIN_TOKEN when set, else one generated at the first start
 * and kept in the data folder beside the SQLite file (mode 0600), so that it survives
 * restarts and rotates by deleting the file. No "server-only" import: server.ts loads
 * this outside Next's bundle.
 */
export type AdminToken = {
  token: string;
  source: "environment" | "file";
  /** The file it is kept in (source "file"). */
  file: string | null;
  /** True only on the start that generated it: the one time it is printed. */
  generated: boolean;
};

export const ADMIN_TOKEN_FILE = "admin-token";

export function adminTokenFile(dbFile = databaseFile()): string {
  const dir = dbFile === ":memory:" ? path.resolve("data") : path.dirname(path.resolve(dbFile));
  return path.join(dir, ADMIN_TOKEN_FILE);
}

function readToken(file: string): string | null {
  try {
    const token = readFileSync(file, "utf8").trim();
    return token.length >= 16 ? token : null;
  } catch {
    return null;
  }
}

export function resolveAdminToken(options: { configured?: string; file: string }): AdminToken {
  if (options.configured) {
    return { token: options.configured, source: "environment", file: null, generated: false };
  }
  const existing = readToken(options.file);
  if (existing) return { token: existing, source: "file", file: options.file, generated: false };
  mkdirSync(path.dirname(options.file), { recursive: true });
  const token = randomBytes(32).toString("base64url");
  try {
    // "wx": two processes starting at once must not each write their own token.
    writeFileSync(options.file, token + "\n", { mode: 0o600, flag: "wx" });
  } catch {
    const raced = readToken(options.file);
    if (raced) return { token: raced, source: "file", file: options.file, generated: false };
    // An empty or short file left behind: replace it.
    writeFileSync(options.file, token + "\n", { mode: 0o600 });
  }
  chmodSync(options.file, 0o600);
  return { token, source: "file", file: options.file, generated: true };
}

/** One admin token per process, shared by server.ts and Next's bundle. */
export function getAdminToken(): AdminToken {
  return processSingleton("admin-token", () =>
    resolveAdminToken({ configured: getConfig().HOOKLENS_ADMIN_TOKEN, file: adminTokenFile() }),
  );
}
