import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Resolver } from "./guarded-lookup";
import { sendRequest, type SendOptions } from "./send-request";
import { createTargetAgents } from "./target-agents";

/** What the sink saw: each request with the client port it came from (one per
 *  connection), and the ports of the connections that closed. */
const seen: Array<{ rawHeaders: string[]; socket: number | undefined }> = [];
const closedSockets = new Set<number | undefined>();
let port = 0;

const sink = createServer((req, res) => {
  seen.push({ rawHeaders: req.rawHeaders, socket: req.socket.remotePort });
  req.resume();
  req.on("end", () => {
    if (req.url === "/big") res.writeHead(200).end(Buffer.alloc(200_000, 0x61));
    else if (req.url === "/empty") res.writeHead(204).end();
    else if (req.url === "/slow") setTimeout(() => res.writeHead(200).end("ok"), 200);
    else res.writeHead(200).end("ok");
  });
});
sink.on("connection", (socket) => {
  const client = socket.remotePort;
  socket.on("close", () => closedSockets.add(client));
});

beforeAll(async () => {
  await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
  port = (sink.address() as AddressInfo).port;
});
afterAll(async () => {
  sink.closeAllConnections();
  await new Promise((resolve) => sink.close(resolve));
});

const options: SendOptions = {
  policy: { allowPrivate: true },
  timeoutMs: 5_000,
  maxResponseBytes: 65_536,
};
const send = (path: string, extra: Partial<SendOptions>, host = "127.0.0.1") =>
  sendRequest(
    { url: new URL(`http://${host}:${port}${path}`), headers: [], body: Buffer.from("{}") },
    { ...options, ...extra },
  );

describe("kept-alive connections (the forward sender's)", () => {
  const kept = (agents = createTargetAgents()) => ({ agents });

  it("sends one request after another on one connection, and says so in the headers", async () => {
    const agents = createTargetAgents();
    const before = seen.length;
    const first = await send("/ok", kept(agents));
    const second = await send("/ok", kept(agents));
    agents.destroy();
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.requestHeaders.at(-1)).toEqual(["Connection", "keep-alive"]);
    const sockets = seen.slice(before).map((request) => request.socket);
    expect(sockets).toHaveLength(2);
    expect(sockets[1]).toBe(sockets[0]);
    expect(seen.at(-1)?.rawHeaders).toEqual(second.requestHeaders.flat());
  });

  // Webhook receivers often answer 204 or an empty 200: such an answer is whole, so its
  // connection is kept, and the other sends on the same agent are left alone.
  it("keeps the connection after an empty answer, and leaves the other sends alone", async () => {
    const agents = createTargetAgents();
    const before = seen.length;
    const slow = send("/slow", kept(agents));
    await vi.waitFor(() => expect(seen.length).toBe(before + 1));
    expect((await send("/empty", kept(agents))).status).toBe(204);
    expect(await slow).toMatchObject({ status: 200, error: null });
    expect((await send("/ok", kept(agents))).status).toBe(200);
    const [slowSocket, emptySocket, next] = seen.slice(before).map((request) => request.socket);
    expect([slowSocket, emptySocket]).toContain(next);
    agents.destroy();
  });

  it("closes a connection whose answer was not read to the end", async () => {
    const agents = createTargetAgents();
    const before = seen.length;
    expect((await send("/big", { ...kept(agents), maxResponseBytes: 1_000 })).status).toBe(200);
    expect((await send("/ok", kept(agents))).status).toBe(200);
    const [big, next] = seen.slice(before).map((request) => request.socket);
    expect(next).not.toBe(big);
    await vi.waitFor(() => expect(closedSockets.has(big)).toBe(true));
    expect(closedSockets.has(next)).toBe(false);
    agents.destroy();
  });

  it("judges every new connection's address, and keeps a kept one on the address judged", async () => {
    const answers = ["127.0.0.1", "169.254.169.254"];
    const resolve: Resolver = () =>
      Promise.resolve([{ address: answers.shift() ?? "169.254.169.254", family: 4 }]);
    const agents = createTargetAgents();
    const before = seen.length;
    expect((await send("/ok", { ...kept(agents), resolve }, "rebind.test")).status).toBe(200);
    // The name now resolves to the metadata address: the kept socket still goes where it
    // was judged to go, and a new connection is refused.
    expect((await send("/ok", { ...kept(agents), resolve }, "rebind.test")).status).toBe(200);
    agents.destroy();
    const fresh = await send("/ok", { ...kept(), resolve }, "rebind.test");
    expect(fresh).toMatchObject({ status: null, error: { code: "blocked" } });
    expect(seen.length - before).toBe(2);
  });

  it("refuses blocked and, when private targets are off, loopback addresses", async () => {
    const metadata: Resolver = () => Promise.resolve([{ address: "169.254.169.254", family: 4 }]);
    const loopback: Resolver = () => Promise.resolve([{ address: "127.0.0.1", family: 4 }]);
    const before = seen.length;
    const agents = createTargetAgents();
    const blocked = await send("/ok", { ...kept(agents), resolve: metadata }, "metadata.test");
    expect(blocked.error?.code).toBe("blocked");
    const closed = await send(
      "/ok",
      { ...kept(agents), resolve: loopback, policy: { allowPrivate: false } },
      "local.test",
    );
    expect(closed.error?.message).toContain("loopback");
    // A connection kept for a policy that allows loopback is not lent to one that does not.
    expect((await send("/ok", { ...kept(agents), resolve: loopback }, "local.test")).status).toBe(
      200,
    );
    const refused = await send(
      "/ok",
      { ...kept(agents), resolve: loopback, policy: { allowPrivate: false } },
      "local.test",
    );
    agents.destroy();
    expect(refused.error?.code).toBe("blocked");
    expect(seen.length - before).toBe(1);
  });
});
