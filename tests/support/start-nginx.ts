import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { renderNginxConfig } from "../../lib/cluster/render-nginx-config";
import { freePort } from "./start-server";

/**
 * nginx (Debian's, /usr/sbin/nginx, or $NGINX_BIN) in front of Hooklens instances on a
 * free loopback port (or the address given), with the configuration the README shows (lib/cluster), its pid, logs
 * and buffers in a temp folder that stop() removes. For the cluster test and
 * `npm run cluster`.
 */
export type RunningNginx = { baseUrl: string; log: () => string; stop: () => Promise<void> };

const binary = () =>
  process.env.NGINX_BIN ?? (existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx");

function accepting(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function startNginx(options: { instances: string[]; host?: string; port?: number }) {
  const scratch = mkdtempSync(path.join(tmpdir(), "hooklens-nginx-"));
  const host = options.host ?? "127.0.0.1";
  const shown = host === "0.0.0.0" ? "127.0.0.1" : host;
  const port = options.port ?? (await freePort());
  const config = path.join(scratch, "nginx.conf");
  writeFileSync(
    config,
    renderNginxConfig({ listen: `${host}:${port}`, instances: options.instances, scratch }),
  );
  const errorLog = path.join(scratch, "error.log");
  let output = "";
  const child = spawn(binary(), ["-p", scratch, "-c", config, "-e", errorLog], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const log = () => output + (existsSync(errorLog) ? readFileSync(errorLog, "utf8") : "");
  const spawnFailure: { error?: Error } = {};
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", (error) => {
      spawnFailure.error = new Error(`nginx: ${error.message} (is nginx installed?)`);
      resolve();
    });
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    rmSync(scratch, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  try {
    while (!(await accepting(shown, port))) {
      if (spawnFailure.error) throw spawnFailure.error;
      if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${log()}`);
      if (Date.now() > deadline) throw new Error(`nginx did not listen:\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl: `http://${shown}:${port}`, log, stop } satisfies RunningNginx;
}
