import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./start-server";

/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temp folder, the server on a free
 * loopback port with its unix socket in that folder, fsync off (nothing here must survive a
 * power cut), and everything removed by stop(). As root it runs as the `postgres` OS user
 * (PostgreSQL refuses to run as root). Binaries: $POSTGRES_BIN, the newest
 * /usr/lib/postgresql/<version>/bin (Debian), or PATH.
 */
export type RunningPostgres = {
  /** Superuser URL of the `postgres` database. */
  url: string;
  /** Creates an empty database and returns its URL. */
  createDatabase: (name: string) => Promise<string>;
  stop: () => Promise<void>;
};

function binDir(): string | null {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  const debian = "/usr/lib/postgresql";
  if (!existsSync(debian)) return null;
  const versions = readdirSync(debian)
    .filter((name) => /^\d+$/.test(name) && existsSync(path.join(debian, name, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(debian, versions[0], "bin") : null;
}

const binary = (name: string) => {
  const dir = binDir();
  return dir ? path.join(dir, name) : name;
};

/** The `postgres` OS user's ids when running as root, else null (run as ourselves). */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("postgres:"));
  const [, , uid, gid] = line?.split(":") ?? [];
  if (!uid || !gid)
    throw new Error("Running as root needs a `postgres` OS user to run PostgreSQL as.");
  return { uid: Number(uid), gid: Number(gid) };
}

function run(command: string, args: string[], options: SpawnOptions) {
  const result = spawnSync(command, args, { ...options, encoding: "utf8" });
  if (result.error)
    throw new Error(`${command}: ${result.error.message} (is PostgreSQL installed?)`);
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
}

async function waitUntilReady(url: string, server: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null)
      throw new Error(`postgres exited (${server.exitCode}):\n${output()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`postgres did not accept connections: ${String(error)}\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

function stopped(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => server.once("exit", () => resolve()));
}

export async function startPostgres(): Promise<RunningPostgres> {
  const folder = mkdtempSync(path.join(tmpdir(), "hooklens-pg-"));
  const data = path.join(folder, "data");
  const user = runAs();
  if (user) chownSync(folder, user.uid, user.gid);
  const as: SpawnOptions = { ...(user ?? {}), cwd: folder, env: { ...process.env, LC_ALL: "C" } };
  const removeFolder = () => rmSync(folder, { recursive: true, force: true });
  try {
    run(
      binary("initdb"),
      ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"],
      as,
    );
  } catch (error) {
    removeFolder();
    throw error;
  }
  const port = await freePort();
  const settings = {
    listen_addresses: "127.0.0.1",
    port: String(port),
    unix_socket_directories: folder,
    fsync: "off",
    synchronous_commit: "off",
    full_page_writes: "off",
    max_connections: "50",
  };
  const args = [
    "-D",
    data,
    ...Object.entries(settings).flatMap(([key, value]) => ["-c", `${key}=${value}`]),
  ];
  const server = spawn(binary("postgres"), args, { ...as, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  // If the test process ends without stop(), take the server and its folder along.
  const onExit = () => {
    server.kill("SIGQUIT");
    removeFolder();
  };
  process.once("exit", onExit);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    process.removeListener("exit", onExit);
    // SIGINT: fast shutdown (rolls back open transactions, closes connections).
    server.kill("SIGINT");
    await stopped(server);
    removeFolder();
  };
  try {
    await waitUntilReady(url, server, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, createDatabase: (name) => createDatabase(url, name), stop };
}

/** Creates an empty database on the server of `serverUrl` and returns its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const database = new URL(serverUrl);
  database.pathname = `/${name}`;
  return database.toString();
}

let created = 0;

/** A new empty database with a name of its own (per test), on the server of `serverUrl`. */
export function freshDatabase(serverUrl: string, label: string): Promise<string> {
  created += 1;
  return createDatabase(serverUrl, `${label}_${process.pid}_${created}`);
}
