import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDelivery } from "../cloudpods/render-delivery";
import type { HeaderPairs } from "../cloudpods/headers";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { shellQuote, TERMINAL_ACTIONABLE } from "../shell/shell-quote";
import { curlCommand } from "./curl-command";

describe("shellQuote", () => {
  it("keeps everything literal inside single quotes", () => {
    expect(shellQuote("a b")).toBe("'a b'");
    expect(shellQuote("it's $HOME `x`")).toBe("'it'\\''s $HOME `x`'");
    expect(shellQuote("plain", { bare: false })).toBe("'plain'");
  });

  it("writes what a terminal could act on as $'…' escapes", () => {
    expect(shellQuote("a\u001b[201~\nb'\\")).toBe("$'a\\x1b[201~\\x0ab\\'\\\\'");
    expect(shellQuote("\u202e\u009b")).toBe("$'\\xe2\\x80\\xae\\xc2\\x9b'");
  });
});

describe("curlCommand", () => {
  it("spells headers in order and case, sends empty ones with curl's `Name;` and drops connection headers", () => {
    const command = curlCommand({
      url: "http://127.0.0.1:3000/api/hooks/tok",
      headers: [
        ["Host", "example:3000"],
        ["User-Agent", "yunioncloud-go/201708"],
        ["Content-Length", "2"],
        ["X-Yunion-Event", ""],
        ["Content-Type", "application/json"],
      ],
      body: "{}",
    });
    expect(command).toBe(
      [
        "curl 'http://127.0.0.1:3000/api/hooks/tok'",
        "-H 'User-Agent: yunioncloud-go/201708'",
        "-H 'X-Yunion-Event;'",
        "-H 'Content-Type: application/json'",
        "-H 'Accept:'",
        "-H 'Expect:'",
        "--data-binary '{}'",
      ].join(" \\\n  "),
    );
  });

  it("switches off the headers curl would add that the original did not have", () => {
    const command = curlCommand({ url: "http://x/", headers: [], body: "" });
    expect(command).toContain("-H 'User-Agent:'");
    expect(command).toContain("-H 'Accept:'");
    expect(command).toContain("-H 'Content-Type:'");
  });

  it("pipes bodies that are not text through base64", () => {
    const command = curlCommand({
      url: "http://x/",
      headers: [],
      body: "\uFFFD",
      bodyBase64: "/w==",
    });
    expect(command.startsWith("printf %s '/w==' | base64 -d | curl 'http://x/'")).toBe(true);
    expect(command.endsWith("--data-binary @-")).toBe(true);
  });
});

/** Runs the command for real against a loopback sink: what arrives must be what was stored. */
describe("curlCommand run by a shell", () => {
  const received: Array<{ rawHeaders: string[]; body: Buffer; method: string }> = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        rawHeaders: request.rawHeaders,
        body: Buffer.concat(chunks),
        method: request.method ?? "",
      });
      response.end("ok");
    });
  });
  let url = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/hooks/tok`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const run = async (command: string) => {
    await promisify(execFile)("bash", [
      "-c",
      `${command} --silent --show-error --output /dev/null`,
    ]);
  };
  const pairs = (raw: string[]): HeaderPairs =>
    raw.flatMap((value, i) => (i % 2 === 0 ? [[value, raw[i + 1] ?? ""] as [string, string]] : []));
  const strip = (headers: HeaderPairs) =>
    headers.filter(([name]) => !["host", "content-length"].includes(name.toLowerCase()));

  it.each([
    [
      "an event with quotes, a password and Chinese text",
      {
        kind: "event" as const,
        event: {
          resource_type: "server",
          action: "create",
          resource_details: {
            id: "s'1",
            name: '主机 "web" $(rm -rf) `x`\n',
            password: "p@ss'w\\rd",
          },
        },
      },
    ],
    [
      "the 2022 validation with an empty X-Yunion-Event",
      {
        kind: "text" as const,
        text: "This is a verification message, please ignore.",
        eventType: "",
      },
    ],
  ])("%s arrives byte-identical, with the same headers", async (_label, input) => {
    const delivery = renderDelivery(input, { secretKey: "s3cret", header: { "X-Custom": "it's" } });
    const headers: HeaderPairs = [
      ["Host", "platform:80"],
      ...delivery.headers,
      ["Content-Length", String(Buffer.byteLength(delivery.body))],
    ];
    received.length = 0;
    await run(curlCommand({ url, headers, body: delivery.body }));
    const [request] = received;
    expect(request?.method).toBe("POST");
    expect(request?.body.toString("utf8")).toBe(delivery.body);
    expect(strip(pairs(request?.rawHeaders ?? []))).toEqual(strip(headers));
  });

  it("carries no byte a terminal could act on, sends the exact bytes and runs nothing else", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hooklens-curl-"));
    const canary = path.join(dir, "ran");
    // A bracketed-paste end, then a newline and a command, in the body and in headers.
    const payload = `'\u001b[201~\ntouch ${canary}\n$(touch ${canary})\u0003\u007f\t\r\u009b\u202e\u2028`;
    const body = JSON.stringify({ Msg: payload, note: "主机" });
    const headers: HeaderPairs = [
      ["Content-Type", "application/json"],
      // As a header arrives: one character per byte, here an 8-bit CSI and latin1 text.
      ["X-Sneaky", `a\u009b201~ é' ; touch ${canary}`],
    ];
    const command = curlCommand({ url, headers, body });
    expect(TERMINAL_ACTIONABLE.test(command.replace(/ \\\n {2}/g, " "))).toBe(false);
    received.length = 0;
    await run(command);
    expect(received[0]?.body.toString("utf8")).toBe(body);
    expect(received[0]?.rawHeaders).toContain(headers[1]![1]);
    expect(existsSync(canary)).toBe(false);
  });

  it("sends bytes that are not UTF-8 unchanged", async () => {
    const bytes = Buffer.from([0x7b, 0xff, 0x00, 0xfe, 0x7d]);
    received.length = 0;
    await run(
      curlCommand({
        url,
        headers: [["Content-Type", "application/json"]],
        body: bytes.toString("utf8"),
        bodyBase64: bytes.toString("base64"),
      }),
    );
    expect(received[0]?.body.equals(bytes)).toBe(true);
  });
});
