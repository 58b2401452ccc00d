import { chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * The data folder holds the platform's deliveries (passwords, before redaction or with it
 * off), endpoint secret keys and possibly the admin token: only the user Hooklens runs as
 * may read it. New files are born private (the server sets umask 077); these bring files
 * from an older install, or made under another umask, into line at every start.
 */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** SQLite's companions of a database file: the WAL, its shared-memory index, a journal. */
export function databaseCompanions(dbFile: string): string[] {
  return [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`];
}

/**
 * Creates the database's folder 0700, or makes it 0700. A shared folder (sticky, such as
 * /tmp) or one another user owns is left alone: it is not Hooklens's own.
 */
export function protectDataFolder(dbFile: string) {
  if (dbFile === ":memory:") return;
  const folder = path.dirname(path.resolve(dbFile));
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const stat = statSync(folder);
  const ownedByUs = process.getuid === undefined || stat.uid === process.getuid();
  if (folder === path.parse(folder).root || stat.mode & 0o1000 || !ownedByUs) return;
  if ((stat.mode & 0o777) !== PRIVATE_FOLDER_MODE) chmodSync(folder, PRIVATE_FOLDER_MODE);
}

/** Makes each of the given files that exists 0600. */
export function protectDataFiles(files: string[]) {
  for (const file of files) {
    if (file === ":memory:" || !existsSync(file)) continue;
    if ((statSync(file).mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(file, PRIVATE_FILE_MODE);
  }
}
