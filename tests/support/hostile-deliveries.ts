import { goMarshal } from "../../lib/cloudpods/go-json";
import type { DeliveryKind } from "../../lib/cloudpods/parse-delivery";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import type { Random } from "../../lib/simulator/random";

/**
 * Malformed and hostile deliveries with the answer each must get (README, "The
 * receiver"). `via: "raw"` ones are written to a bare socket: fetch will not send them.
 */
export type Expected = { status: number; stored: boolean; kind?: DeliveryKind };
export type HostileDelivery = {
  label: string;
  via: "fetch" | "raw";
  target: "plain" | "signed" | "unknown";
  headers: Record<string, string>;
  /** For `via: "raw"`: the request bytes after the request line's path is filled in. */
  body: Buffer;
  expect: Expected;
};

const json = { "content-type": "application/json" };
const unparsed: Expected = { status: 400, stored: true, kind: "unparsed" };
const bytes = (text: string) => Buffer.from(text, "utf8");

function someEvent(random: Random) {
  return renderDelivery({
    kind: "event",
    event: {
      resource_type: random.pick(["server", "host", "disk", "eip"]),
      action: random.pick(["create", "update", "delete", "start"]),
      resource_details: {
        id: random.uuid(),
        name: `名-${random.hex(4)}`,
        status: "ready",
        size: random.int(1, 1e6),
      },
    },
  });
}

const nest = (depth: number) => `{"Msg":"deep","x":${"[".repeat(depth)}${"]".repeat(depth)}}`;

type Maker = (
  random: Random,
) => Omit<HostileDelivery, "via" | "target"> & Partial<Pick<HostileDelivery, "via" | "target">>;

const MAKERS: Record<string, Maker> = {
  truncated_json: (random) => {
    const body = someEvent(random).body;
    return {
      label: "truncated JSON",
      headers: json,
      body: bytes(body.slice(0, random.int(1, body.length - 1))),
      expect: unparsed,
    };
  },
  garbage: (random) => ({
    label: "garbage",
    headers: json,
    body: Buffer.from(random.hex(64), "hex"),
    expect: { status: 400, stored: true, kind: "unparsed" },
  }),
  invalid_utf8: (random) => {
    const bad = random.pick([[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80]]);
    return {
      label: "invalid UTF-8",
      headers: json,
      body: Buffer.concat([bytes('{"Msg":"a'), Buffer.from(bad), bytes('b"}')]),
      expect: unparsed,
    };
  },
  deep_nesting: (random) => ({
    label: "deep nesting",
    headers: json,
    body: bytes(nest(random.chance(0.5) ? 10_000 : 65)),
    expect: unparsed,
  }),
  proto_keys: (random) => {
    // Written as text: a JS object literal would take __proto__ as its prototype.
    const text = `{"__proto__":{"polluted":"yes","action":"delete"},"action":"create","constructor":{"prototype":{"polluted":"yes"}},"resource_details":{"__proto__":{"isAdmin":true},"hasOwnProperty":"x","id":"${random.uuid()}","prototype":"p","toString":1},"resource_type":"server","result":"succeed"}`;
    return {
      label: "__proto__ and constructor keys",
      headers: json,
      body: bytes(text),
      expect: { status: 200, stored: true, kind: "event" },
    };
  },
  huge_numbers: (random) => ({
    label: "huge numbers",
    headers: json,
    body: bytes(
      `{"Msg":"n${random.hex(4)}","a":1e400,"b":-1e400,"c":123456789012345678901234567890123456789,"d":1e-400,"e":-0}`,
    ),
    expect: { status: 200, stored: true, kind: "text" },
  }),
  wrong_content_type: (random) => ({
    label: "wrong content type",
    headers: {
      "content-type": random.pick([
        "text/plain",
        "application/xml",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "x/y",
      ]),
    },
    body: bytes(someEvent(random).body),
    expect: { status: 200, stored: true, kind: "event" },
  }),
  xml_body: () => ({
    label: "XML body",
    headers: { "content-type": "application/xml" },
    body: bytes('<?xml version="1.0"?><Msg>hi</Msg>'),
    expect: unparsed,
  }),
  empty_body: () => ({
    label: "empty body",
    headers: json,
    body: Buffer.alloc(0),
    expect: unparsed,
  }),
  nul_escaped: (random) => ({
    label: "escaped NUL",
    headers: json,
    body: bytes(`{"Msg":"a\\u0000b${random.hex(2)}"}`),
    expect: { status: 200, stored: true, kind: "text" },
  }),
  // A raw control character inside a string is what releases before mid-2026 write: read
  // leniently and kept. NUL bytes outside any string are still not JSON.
  nul_raw: (random) =>
    random.chance(0.5)
      ? {
          label: "raw NUL inside a string",
          headers: json,
          body: Buffer.concat([bytes('{"Msg":"a'), Buffer.from([0]), bytes('b"}')]),
          expect: { status: 200, stored: true, kind: "text" },
        }
      : {
          label: "raw NUL bytes",
          headers: json,
          body: Buffer.alloc(random.int(1, 64)),
          expect: unparsed,
        },
  bad_signature: (random) => ({
    label: "wrong X-Auth-Token",
    target: "signed",
    headers: { ...json, "x-auth-token": random.chance(0.5) ? random.hex(64) : "not-hex" },
    body: bytes(someEvent(random).body),
    expect: { status: 401, stored: true, kind: "event" },
  }),
  unknown_token: (random) => ({
    label: "unknown receiver token",
    target: "unknown",
    headers: json,
    body: bytes(someEvent(random).body),
    expect: { status: 404, stored: false },
  }),
  missing_headers: (random) => ({
    label: "no headers at all",
    via: "raw",
    headers: {},
    body: bytes(someEvent(random).body),
    expect: { status: 200, stored: true, kind: "event" },
  }),
  bad_http: (random) => ({
    label: "malformed HTTP",
    via: "raw",
    headers: {
      malformed: random.pick(["nul-header", "no-colon", "smuggle", "bad-chunk", "two-lengths"]),
    },
    body: bytes(goMarshal({ Msg: "x" })),
    expect: { status: 400, stored: false },
  }),
};

const WEIGHTS: Record<keyof typeof MAKERS, number> = {
  truncated_json: 14,
  garbage: 6,
  invalid_utf8: 10,
  deep_nesting: 4,
  proto_keys: 10,
  huge_numbers: 8,
  wrong_content_type: 10,
  xml_body: 3,
  empty_body: 3,
  nul_escaped: 5,
  nul_raw: 6,
  bad_signature: 8,
  unknown_token: 5,
  missing_headers: 5,
  bad_http: 3,
};

export function hostileDelivery(random: Random): HostileDelivery {
  const made = MAKERS[random.weighted(WEIGHTS)]!(random);
  return { via: "fetch", target: "plain", ...made };
}

/** A body over the cap: refused with 413 before it is read, never kept. */
export function oversizedDelivery(megabytes = 5): HostileDelivery {
  const body = Buffer.alloc(megabytes * 1024 * 1024, "a");
  body.write('{"Msg":"');
  return {
    label: `${megabytes} MB body`,
    via: "fetch",
    target: "plain",
    headers: json,
    body,
    expect: { status: 413, stored: false },
  };
}

/** The bytes of a raw request for `path`, malformed as `headers.malformed` says. */
export function rawRequestBytes(path: string, delivery: HostileDelivery): Buffer {
  const body = delivery.body;
  const head = (lines: string[]) =>
    Buffer.from(
      [`POST ${path} HTTP/1.1`, "Host: 127.0.0.1", ...lines, "", ""].join("\r\n"),
      "latin1",
    );
  switch (delivery.headers.malformed) {
    case undefined:
      return Buffer.concat([head([`Content-Length: ${body.length}`]), body]);
    case "nul-header":
      return Buffer.concat([head([`X-Bad: a\u0000b`, `Content-Length: ${body.length}`]), body]);
    case "no-colon":
      return Buffer.concat([head(["X-Bad no colon", `Content-Length: ${body.length}`]), body]);
    case "smuggle":
      return Buffer.concat([
        head([`Content-Length: ${body.length}`, "Transfer-Encoding: chunked"]),
        body,
      ]);
    case "bad-chunk":
      return Buffer.concat([
        head(["Transfer-Encoding: chunked"]),
        bytes("zz\r\n"),
        body,
        bytes("\r\n0\r\n\r\n"),
      ]);
    default:
      return Buffer.concat([
        head([`Content-Length: ${body.length}`, `Content-Length: ${body.length + 1}`]),
        body,
      ]);
  }
}
