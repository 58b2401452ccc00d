import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SEARCH_WORKER_BUNDLE, serverBundlePath } from "../../lib/build/server-bundle";

/**
 * Starts the real Hooklens server (the production build: server.ts as `npm run build`
 * compiled it, as `npm start` runs it) on a free port and
 * a fresh SQLite file, and waits until it says it is ready.
 */
export const ROOT = path.resolve(import.meta.dirname, "../..");
export const TEST_ADMIN_TOKEN = "hooklens-test-admin-token-0123456789";

export type RunningServer = {
  baseUrl: string;
  databaseFile: string;
  receiverUrl: string;
  process: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function assertBuilt() {
  const dist = process.env.NEXT_DIST_DIR ?? ".next";
  const built = [path.join(ROOT, dist, "BUILD_ID"), serverBundlePath(ROOT)];
  built.push(path.join(path.dirname(serverBundlePath(ROOT)), SEARCH_WORKER_BUNDLE));
  if (!built.every((file) => existsSync(file))) {
    throw new Error(`No production build in ${dist}/: run \`npm run build\` first.`);
  }
}

export async function startServer(
  options: {
    env?: Record<string, string>;
    databaseFile?: string;
    port?: number;
    /** Extra node flags, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
    nodeArgs?: string[];
  } = {},
): Promise<RunningServer> {
  assertBuilt();
  const port = options.port ?? (await freePort());
  const databaseFile =
    options.databaseFile ??
    path.join(mkdtempSync(path.join(tmpdir(), "hooklens-test-")), "hooklens.db");
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), serverBundlePath(ROOT)], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${databaseFile}`,
      HOOKLENS_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const receiverUrl = await new Promise<string>((resolve, reject) => {
    // Generous: with eight checkouts testing at once on two cores a start has taken 100 s.
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 240_000);
    const check = () => {
      const match = /Receiver URL: (\S+)/.exec(output);
      if (match?.[1] && output.includes("Hooklens ready")) {
        clearTimeout(timer);
        child.stdout.off("data", check);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    databaseFile,
    receiverUrl: receiverUrl.replace("localhost", "127.0.0.1"),
    process: child,
    output: () => output,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}
