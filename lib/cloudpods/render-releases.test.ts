import { describe, expect, it } from "vitest";
import { detectRelease } from "./detect-release";
import { getHeader } from "./headers";
import { parseDelivery } from "./parse-delivery";
import { canonicalHeaderName, PLATFORM_RELEASES, type PlatformRelease } from "./platform-releases";
import {
  renderDelivery,
  renderValidation,
  withContentLength,
  type EventMessage,
  type RenderedDelivery,
} from "./render-delivery";
import { verifySignature } from "./verify-signature";

const event: EventMessage = {
  action: "start",
  resource_type: "server",
  result: "failed",
  resource_details: { id: "s-1", name: "a<b>&c\u2028", note: "x\u0001y", status: "start_fail" },
};

const EXPECTED_RELEASE: Record<PlatformRelease, { signed: string; unsigned: string }> = {
  "3.7": { signed: "up to 3.7", unsigned: "up to 3.7" },
  "3.9": { signed: "3.8-3.9", unsigned: "3.8-3.9" },
  "3.10.3": { signed: "3.10.0-3.10.3", unsigned: "3.10.0-3.10.3" },
  "3.11": { signed: "3.11.13+ or 4.0+", unsigned: "3.10.4+" },
  current: { signed: "3.11.13+ or 4.0+", unsigned: "3.10.4+" },
};

function releaseOf(delivery: RenderedDelivery, hasSecret: boolean) {
  const parsed = parseDelivery({ headers: delivery.headers, text: delivery.body });
  const signed = getHeader(delivery.headers, "X-Auth-Token") !== null;
  return {
    parsed,
    release: detectRelease({
      ...parsed,
      text: parsed.message,
      signed,
      endpointHasSecret: hasSecret,
    }),
  };
}

describe.each(PLATFORM_RELEASES)("rendering like release %s", (release) => {
  const options = { release };

  it("renders an event the receiver reads back as that release", () => {
    for (const secretKey of [undefined, "k"]) {
      const delivery = renderDelivery({ kind: "event", event }, { secretKey }, [], options);
      const { parsed, release: detected } = releaseOf(delivery, false);
      const expected = EXPECTED_RELEASE[release][secretKey ? "signed" : "unsigned"];
      expect(detected).toBe(expected);
      expect(parsed).toMatchObject({ kind: "event", resourceType: "server", action: "start" });
      expect(parsed.resourceId).toBe("s-1");
      // 3.7 sends no result, so the receiver reads the default.
      expect(parsed.result).toBe(release === "3.7" ? "succeed" : "failed");
    }
  });

  it("renders a validation the receiver takes for a verification of that release", () => {
    const delivery = renderValidation({}, [], options);
    const { parsed, release: detected } = releaseOf(delivery, false);
    expect(parsed.kind).toBe("verification");
    // Nothing tells an unsigned 3.7 validation from a current one: both carry no
    // X-Yunion-Event, so neither names a release.
    const telling = release === "3.9" || release === "3.10.3";
    expect(detected).toBe(telling ? EXPECTED_RELEASE[release].unsigned : null);
  });

  it("renders a monitor alert as text, never as a verification", () => {
    const delivery = renderDelivery(
      { kind: "text", text: "AlertName: cpu", title: "cpu alert" },
      {},
      [],
      options,
    );
    const { parsed } = releaseOf(delivery, false);
    expect(parsed.kind).toBe("text");
    expect(parsed.message?.startsWith("AlertName: cpu")).toBe(true);
  });

  it("never escapes HTML characters or U+2028, and writes control characters as the release does", () => {
    const { body } = renderDelivery({ kind: "event", event }, {}, [], options);
    expect(body).toContain("a<b>&c\u2028");
    const raw = release !== "current";
    expect(body.includes("\u0001")).toBe(raw);
    expect(body.includes("\\u0001")).toBe(!raw);
  });

  it("writes User-Agent first and the rest sorted, trace headers only where the release has them", () => {
    const trace: Array<[string, string]> = [
      ["X-Request-Id", "abc"],
      ["x-yunion-peer-service-name", "notify"],
    ];
    const { headers } = renderDelivery({ kind: "event", event }, {}, trace, options);
    expect(headers[0]?.[0]).toBe("User-Agent");
    const names = headers.slice(1).map(([name]) => name);
    expect(names).toEqual([...names].sort());
    expect(getHeader(headers, "X-Request-Id")).toBe(release === "3.7" ? null : "abc");
    expect(names).not.toContain("x-yunion-peer-service-name");
  });
});

describe("renderDelivery: the sender's rules", () => {
  it("canonicalises robot header names and lets them override only what Go lets them", () => {
    const { headers, body } = renderDelivery(
      { kind: "event", event },
      {
        header: {
          "x-api-key": "k1",
          "user-agent": "robot/1",
          "X-Yunion-Event": "CUSTOM",
          "content-type": "text/plain",
          "Content-Length": "1",
          "X-Auth-Token": "mine",
          "X-Count": 3,
        },
        secretKey: "s",
      },
      [["X-Request-Id", "trace-1"]],
      { remoteAddr: "hooklens.example:443" },
    );
    expect(getHeader(headers, "X-Api-Key")).toBe("k1");
    expect(headers.map(([name]) => name)).toContain("X-Api-Key");
    expect(headers[0]).toEqual(["User-Agent", "robot/1"]);
    expect(getHeader(headers, "X-Yunion-Event")).toBe("CUSTOM");
    expect(getHeader(headers, "Content-Type")).toBe("application/json");
    expect(getHeader(headers, "Content-Length")).toBeNull();
    expect(getHeader(headers, "X-Count")).toBeNull();
    expect(getHeader(headers, "X-Yunion-Remote-Addr")).toBe("hooklens.example:443");
    expect(verifySignature("s", Buffer.from(body), getHeader(headers, "X-Auth-Token"))).toBe(true);
  });

  it("names Go's way", () => {
    expect(canonicalHeaderName("x-api-key")).toBe("X-Api-Key");
    expect(canonicalHeaderName("X-AUTH-TOKEN")).toBe("X-Auth-Token");
    expect(canonicalHeaderName("bad name")).toBe("bad name");
  });

  it("puts template text under msg_key, and merges a JSON-object text into the body", () => {
    const robot = { useTemplate: true, msgKey: "content", body: { team: "ops" } };
    const text = renderDelivery({ kind: "event", event, templateText: "vm failed" }, robot);
    expect(text.body).toBe('{"content":"vm failed","team":"ops"}');
    const object = renderDelivery(
      { kind: "event", event, templateText: '{"title":"vm","level":"warn"}' },
      robot,
    );
    expect(object.body).toBe('{"level":"warn","team":"ops","title":"vm"}');
    expect(getHeader(object.headers, "X-Yunion-Event")).toBe("SERVER/START/FAILED");
    expect(parseDelivery({ headers: object.headers, text: object.body })).toMatchObject({
      kind: "text",
      messageKey: null,
      message: object.body,
    });
  });

  it("names 3.9 events by title, 3.7 events by topic, and sends 3.10.3 texts with an empty header and 来自", () => {
    const title = renderDelivery({ kind: "event", event }, {}, [], { release: "3.9" });
    expect(getHeader(title.headers, "X-Yunion-Event")).toBe("SERVER_START_FAILED");
    expect(title.body).toContain('"brand":"Yunion Cloud"');
    const topic = renderDelivery({ kind: "event", event }, {}, [], { release: "3.7" });
    expect(getHeader(topic.headers, "X-Yunion-Event")).toBe("SERVER/START");
    const alert = renderDelivery({ kind: "text", text: "AlertName: x" }, {}, [], {
      release: "3.10.3",
    });
    expect(getHeader(alert.headers, "X-Yunion-Event")).toBe("");
    expect((JSON.parse(alert.body) as { Msg: string }).Msg).toMatch(/\n来自 https:\/\//);
    const validation = renderValidation({}, [], { release: "3.10.3" });
    expect(getHeader(validation.headers, "X-Yunion-Event")).toBe("");
    expect((JSON.parse(validation.body) as { Msg: string }).Msg).not.toContain("来自");
    expect(getHeader(renderValidation({}, [], { release: "3.9" }).headers, "X-Yunion-Event")).toBe(
      "VALIDATE",
    );
  });

  it("adds Content-Length in Go's order for the preview", () => {
    const delivery = withContentLength(renderDelivery({ kind: "text", text: "é" }));
    expect(getHeader(delivery.headers, "Content-Length")).toBe("12");
    const names = delivery.headers.slice(1).map(([name]) => name);
    expect(names).toEqual([...names].sort());
  });
});
