import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Resolver } from "./guarded-lookup";
import { sendRequest, type SendOptions } from "./send-request";

type Seen = { rawHeaders: string[]; body: Buffer; url: string };
const seen: Seen[] = [];
let port = 0;

function route(req: IncomingMessage, res: ServerResponse, body: Buffer) {
  seen.push({ rawHeaders: req.rawHeaders, body, url: req.url ?? "" });
  if (req.url === "/redirect") return res.writeHead(302, { Location: "/ok" }).end("moved");
  if (req.url === "/fail")
    return res.writeHead(500, { "Content-Type": "text/plain" }).end("it broke");
  if (req.url === "/slow") return; // never answers
  if (req.url === "/big") return res.writeHead(200).end(Buffer.alloc(200_000, 0x61));
  if (req.url === "/gzip")
    return res.writeHead(200, { "Content-Encoding": "gzip" }).end(gzipSync("unzipped ✓"));
  if (req.url === "/cut") {
    res.writeHead(200, { "Content-Length": "100" });
    res.write("partial");
    return setTimeout(() => res.socket?.destroy(), 20);
  }
  res.writeHead(200, { "X-Sink": "yes" }).end(`got ${body.length} bytes`);
}

const sink = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => route(req, res, Buffer.concat(chunks)));
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
const body = Buffer.from('{"Msg":"名前"}');
const send = (path: string, extra: Partial<SendOptions> = {}, host = "127.0.0.1") =>
  sendRequest(
    {
      url: new URL(`http://${host}:${port}${path}`),
      headers: [
        ["User-Agent", "yunioncloud-go/201708"],
        ["X-A", "1"],
        ["x-a", "2"],
      ],
      body,
    },
    { ...options, ...extra },
  );

describe("sendRequest", () => {
  it("sends the body bytes and exactly the headers it records", async () => {
    const before = seen.length;
    const outcome = await send("/ok?x=1");
    const got = seen[before];
    expect(got?.url).toBe("/ok?x=1");
    expect(got?.body.equals(body)).toBe(true);
    expect(got?.rawHeaders).toEqual(outcome.requestHeaders.flat());
    expect(outcome.requestHeaders).toEqual([
      ["Host", `127.0.0.1:${port}`],
      ["User-Agent", "yunioncloud-go/201708"],
      ["X-A", "1"],
      ["x-a", "2"],
      ["Content-Length", String(body.length)],
      ["Connection", "close"],
    ]);
    expect(outcome).toMatchObject({ status: 200, error: null, responseTruncated: false });
    expect(outcome.responseHeaders).toContainEqual(["X-Sink", "yes"]);
    expect(outcome.responseBody?.toString()).toBe(`got ${body.length} bytes`);
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("reports a redirect without following it", async () => {
    const before = seen.length;
    const outcome = await send("/redirect");
    expect(outcome).toMatchObject({ status: 302, error: null });
    expect(outcome.responseHeaders).toContainEqual(["Location", "/ok"]);
    expect(seen.length - before).toBe(1);
  });

  it("records a 500 with its body", async () => {
    const outcome = await send("/fail");
    expect(outcome).toMatchObject({ status: 500, error: null });
    expect(outcome.responseBody?.toString()).toBe("it broke");
  });

  it("gives up at the deadline and says so", async () => {
    const outcome = await send("/slow", { timeoutMs: 200 });
    expect(outcome).toMatchObject({ status: null, responseBody: null, error: { code: "timeout" } });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(190);
    expect(outcome.durationMs).toBeLessThan(3_000);
  });

  it("keeps only the first bytes of a large answer", async () => {
    const outcome = await send("/big", { maxResponseBytes: 1_000 });
    expect(outcome).toMatchObject({ status: 200, error: null, responseTruncated: true });
    expect(outcome.responseBody?.length).toBe(1_000);
  });

  it("decodes a compressed answer", async () => {
    const outcome = await send("/gzip");
    expect(outcome.responseBody?.toString()).toBe("unzipped ✓");
  });

  it("reports an answer cut short with what arrived", async () => {
    const outcome = await send("/cut");
    expect(outcome).toMatchObject({ status: 200, error: { code: "reset" } });
    expect(outcome.responseBody?.toString()).toBe("partial");
  });

  it("reports a refused connection", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await sendRequest(
      { url: new URL(`http://127.0.0.1:${closedPort}/`), headers: [], body },
      options,
    );
    expect(outcome).toMatchObject({ status: null, error: { code: "refused" } });
  });

  it("reports a name that does not resolve", async () => {
    const resolve: Resolver = () =>
      Promise.reject(
        Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.test"), { code: "ENOTFOUND" }),
      );
    const outcome = await send("/ok", { resolve }, "nowhere.test");
    expect(outcome.error).toEqual({ code: "dns", message: "getaddrinfo ENOTFOUND nowhere.test" });
  });

  it("stops when cancelled", async () => {
    const controller = new AbortController();
    const pending = send("/slow", { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await pending).error?.code).toBe("cancelled");
  });
});

describe("the connect-time guard", () => {
  it("checks the address a name resolves to on every connection (DNS rebinding)", async () => {
    const answers = ["127.0.0.1", "169.254.169.254"];
    const resolve: Resolver = () =>
      Promise.resolve([{ address: answers.shift() ?? "127.0.0.1", family: 4 }]);
    const before = seen.length;
    const first = await send("/ok", { resolve }, "rebind.test");
    expect(first.status).toBe(200);
    expect(first.requestHeaders[0]).toEqual(["Host", `rebind.test:${port}`]);
    const second = await send("/ok", { resolve }, "rebind.test");
    expect(second).toMatchObject({ status: null, error: { code: "blocked" } });
    expect(second.error?.message).toContain("cloud metadata");
    expect(seen.length - before).toBe(1);
  });

  it("refuses a name with any forbidden address among its answers", async () => {
    const resolve: Resolver = () =>
      Promise.resolve([
        { address: "127.0.0.1", family: 4 },
        { address: "fe80::1", family: 6 },
      ]);
    const before = seen.length;
    expect((await send("/ok", { resolve }, "mixed.test")).error?.code).toBe("blocked");
    expect(seen.length).toBe(before);
  });

  it("guards https connections the same way", async () => {
    const resolve: Resolver = () => Promise.resolve([{ address: "169.254.169.254", family: 4 }]);
    const outcome = await sendRequest(
      { url: new URL("https://metadata.test/latest"), headers: [], body },
      { ...options, resolve },
    );
    expect(outcome.error).toMatchObject({
      code: "blocked",
      message: expect.stringContaining("metadata.test"),
    });
  });

  it("refuses loopback when private targets are off, before a byte is sent", async () => {
    const resolve: Resolver = () => Promise.resolve([{ address: "127.0.0.1", family: 4 }]);
    const before = seen.length;
    const outcome = await send("/ok", { resolve, policy: { allowPrivate: false } }, "local.test");
    expect(outcome.error?.code).toBe("blocked");
    expect(outcome.error?.message).toContain("loopback");
    expect(seen.length).toBe(before);
  });
});
