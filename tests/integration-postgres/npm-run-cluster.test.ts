import { spawn } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { api } from "../support/api";
import { eventually } from "../support/deliveries";
import { freePort, ROOT } from "../support/start-server";

/**
 * `npm run cluster -- --instances 2` (scripts/cluster.ts, after the build that
 * `npm run cluster` makes first and this run has made already): a throwaway PostgreSQL,
 * two instances and nginx, serving through nginx from both, all stopped by Ctrl-C.
 */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

it("starts PostgreSQL, two instances and nginx, serves through nginx from both, and Ctrl-C stops them all", async () => {
  const port = await freePort();
  const script = spawn(
    path.join(ROOT, "node_modules/.bin/tsx"),
    ["scripts/cluster.ts", "--instances", "2", "--listen", `127.0.0.1:${port}`],
    {
      cwd: ROOT,
      env: { ...process.env, HOOKLENS_ADMIN_TOKEN: "hooklens-test-admin-token-0123456789" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  for (const stream of [script.stdout, script.stderr])
    stream.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => script.once("exit", resolve));
  try {
    await eventually(() => expect(output).toContain("Ctrl-C stops"), 180_000, 100);
    const baseUrl = `http://127.0.0.1:${port}`;
    expect(output).toContain(`Hooklens cluster: ${baseUrl} (nginx, round robin over 2 instances)`);
    const pids = [...output.matchAll(/\[instance \d\] http:\/\/\S+ \(pid (\d+)\)/g)].map((m) =>
      Number(m[1]),
    );
    expect(pids).toHaveLength(2);

    const receiver = /Receiver URL: (http:\/\/\S+)/.exec(output)?.[1];
    expect(receiver?.startsWith(`${baseUrl}/api/hooks/`), receiver).toBe(true);
    const delivery = renderDelivery({
      kind: "event",
      event: { resource_type: "server", action: "create", resource_details: { id: "s-1" } },
    });
    const served = new Set<string | null>();
    for (let i = 0; i < 2; i++) {
      const answer = await fetch(receiver!, {
        method: "POST",
        headers: delivery.headers,
        body: delivery.body,
      });
      expect(answer.status).toBe(200);
      served.add(answer.headers.get("x-hooklens-instance"));
    }
    expect(served.size).toBe(2);
    const list = await api<{ data: unknown[] }>(baseUrl, "/api/events");
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(2);

    script.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
    await expect(fetch(`${baseUrl}/api/events`)).rejects.toThrow();
  } finally {
    if (script.exitCode === null) script.kill("SIGKILL");
  }
}, 240_000);
