/** The forwarding benchmark's sink in its own process, and the same bodies POSTed to it
 *  straight (the baseline of forwarding throughput). */
import { spawn } from "node:child_process";
import { Agent, request as httpRequest } from "node:http";
import { freePort, ROOT } from "../../tests/support/start-server";

type Delivery = { headers: Array<[string, string]>; body: string };
export type Sink = { url: (path: string) => string; pid: number; stop: () => void };

export async function startSink(): Promise<Sink> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/bench/sink-server.ts", String(port)],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve) =>
    child.stdout.on(
      "data",
      (chunk: Buffer) => chunk.toString().includes("sink ready") && resolve(),
    ),
  );
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    pid: child.pid!,
    stop: () => child.kill("SIGTERM"),
  };
}

function postDirect(url: URL, body: string, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: "POST",
      agent,
      headers: { "content-type": "application/json" },
    });
    req.on("response", (res) => res.resume().on("end", resolve));
    req.on("error", reject);
    req.end(body);
  });
}

export async function directRate(
  url: string,
  deliveries: Delivery[],
  count: number,
  concurrency: number,
) {
  // Kept-alive connections, as the sender keeps them (lib/replay/target-agents.ts).
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count)
        await postDirect(new URL(url), deliveries[next++ % deliveries.length]!.body, agent);
    }),
  );
  agent.destroy();
  return count / ((performance.now() - started) / 1000);
}
