import { spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEndpoint, sendDelivery } from "../support/api";
import { eventually, resourceEvent } from "../support/deliveries";
import { engineDatabase } from "../support/engine-database";
import { startForwardSink, type ForwardSink } from "../support/forward-sink";
import { freePort, ROOT, startServer, TEST_ADMIN_TOKEN } from "../support/start-server";

let sink: ForwardSink;

beforeAll(async () => {
  sink = await startForwardSink();
});

afterAll(async () => {
  await sink?.close();
});

it("hooklens listen forwards matching deliveries to a local URL and catches up after a drop", async () => {
  const port = await freePort();
  const options = (await engineDatabase("listen")).on({ port });
  let server = await startServer(options);
  const endpoint = await createEndpoint(server.baseUrl);
  const listener = spawn(
    process.execPath,
    [
      "bin/hooklens.mjs",
      "listen",
      "--url",
      server.baseUrl,
      "--token",
      TEST_ADMIN_TOKEN,
      "--forward",
      sink.url("/local/hook"),
      "--resource-type",
      "server",
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  listener.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  listener.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    await eventually(() => expect(output).toContain("> Connected"), 30_000);
    const sent = new Map<number, Buffer>();
    const sendOne = async (id: string, resourceType = "server") => {
      const delivery = resourceEvent({ id, resourceType });
      const answer = await sendDelivery(endpoint.receiver_url, delivery);
      expect(answer.status).toBe(200);
      if (resourceType === "server") sent.set(answer.body.id as number, Buffer.from(delivery.body));
    };
    await sendOne("laptop-1");
    await sendOne("net-1", "network");
    await sendOne("laptop-2");
    await sink.until(() => sink.requests.length >= 2);

    // The server goes away and comes back on the same address; what arrives before the
    // listener is back is caught up.
    await server.stop();
    server = await startServer(options);
    await sendOne("laptop-3");
    await sendOne("laptop-4");
    await sink.until(() => sink.requests.length >= 4, 30_000);
    await eventually(() => expect(output).toContain("> Reconnected"));

    const forwarded = sink.requests.map((request) => Number(request.header("x-hooklens-delivery")));
    expect(forwarded).toEqual([...sent.keys()]);
    for (const request of sink.requests) {
      expect(request.path).toBe("/local/hook");
      expect(request.body.equals(sent.get(Number(request.header("x-hooklens-delivery")))!)).toBe(
        true,
      );
      expect(request.header("x-yunion-event")).toBe("SERVER/UPDATE");
    }
    // Each line is printed once the local answer is in, just after the sink saw the request.
    await eventually(() => {
      for (const id of sent.keys())
        expect(output).toMatch(new RegExp(`#${id}  server update .*-> 200 \\(\\d+ ms\\)`));
    });
  } finally {
    listener.kill("SIGTERM");
    await server.stop();
  }
});

it("hooklens listen refuses missing arguments with its usage", async () => {
  const child = spawn(
    process.execPath,
    ["bin/hooklens.mjs", "listen", "--url", "http://127.0.0.1:1"],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, HOOKLENS_ADMIN_TOKEN: "" },
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(code).toBe(2);
  expect(stderr).toContain("--token is required");
  expect(stderr).toContain("usage: hooklens listen");
});
