import { describe, expect, it } from "vitest";
import { jsonutilsMarshal } from "../cloudpods/go-json";
import { PLATFORM_DEFAULT_HEADERS, type RobotSettings } from "../cloudpods/render-delivery";
import { VERIFICATION_TEXTS } from "../cloudpods/vocabulary";
import { createRandom } from "./random";
import { renderMessage } from "./render-message";
import { collect, detailsOf, header, parse } from "./test-helpers";

const stream = collect();
const events = stream.filter((d) => d.expect.kind === "event" && d.expect.duplicateOf === null);

describe("generateDeliveries: what the receiver's parser makes of each delivery", () => {
  it.each<[string, RobotSettings]>([
    ["default robot", {}],
    ["custom msg_key", { msgKey: "content" }],
    [
      "robot body and header extras",
      { body: { env: "prod", source: "cloudpods" }, header: { Test: "test" } },
    ],
  ])("parses every body into the expected fields (%s)", (_name, robot) => {
    for (const delivery of collect({ robot, count: 400, seed: 11 })) {
      const parsed = parse(delivery, robot);
      const expected = delivery.expect;
      expect.soft(parsed, `delivery ${expected.sequence}`).toMatchObject({
        kind: expected.kind,
        eventType: expected.eventType,
        resourceType: expected.resourceType,
        action: expected.action,
        result: expected.result,
        resourceId: expected.resourceId,
        resourceName: expected.resourceName,
        parseError: null,
        warnings: [],
      });
      if (expected.kind === "event") {
        expect(parsed.messageKey).toBe(robot.msgKey ?? "Msg");
        expect(parsed.resourceDetails).toEqual(detailsOf(delivery));
      }
    }
  });

  it("writes bodies byte for byte the way the platform's jsonutils does (compact, keys sorted)", () => {
    for (const delivery of stream) {
      expect(jsonutilsMarshal(JSON.parse(delivery.body))).toBe(delivery.body);
    }
  });

  it("sends the platform's default headers and trace headers on every request", () => {
    for (const delivery of stream) {
      // Go writes User-Agent first and the rest sorted.
      expect(delivery.headers[0]).toEqual(PLATFORM_DEFAULT_HEADERS[0]);
      const rest = delivery.headers.slice(1).map(([name]) => name);
      expect(rest).toEqual([...rest].sort());
      for (const pair of PLATFORM_DEFAULT_HEADERS) expect(delivery.headers).toContainEqual(pair);
      expect(header(delivery, "X-Yunion-Peer-Service-Name")).toBe("notify");
      expect(header(delivery, "X-Request-Id")).toMatch(/^[0-9a-f]{6}$/);
    }
  });

  it("names events TYPE/ACTION, failures TYPE/ACTION/FAILED, and a few outcomes .../SUCCEED", () => {
    for (const delivery of events) {
      const { resourceType, action, result } = delivery.expect;
      const base = `${resourceType}/${action}`.toUpperCase();
      const eventType = header(delivery, "X-Yunion-Event");
      if (result === "failed") expect(eventType).toBe(`${base}/FAILED`);
      else expect([base, `${base}/SUCCEED`]).toContain(eventType);
    }
    expect(events.some((d) => header(d, "X-Yunion-Event")?.endsWith("/SUCCEED"))).toBe(true);
  });
});

describe("generateDeliveries: the stream covers what a platform sends", () => {
  const actions = new Set(events.map((d) => d.expect.action));
  const types = new Set(events.map((d) => d.expect.resourceType));

  it("starts with the robot's validation message", () => {
    expect(stream[0]?.expect.kind).toBe("verification");
    expect(stream[0]?.body).toBe(`{"Msg":"${VERIFICATION_TEXTS[0]}"}`);
    expect(header(stream[0]!, "X-Yunion-Event")).toBeUndefined();
  });

  it("has creates, updates, config and status changes, attach/detach, sync_* and deletes", () => {
    for (const action of [
      "create",
      "update",
      "change_config",
      "status_changed",
      "attach",
      "detach",
      "sync_create",
      "sync_update",
      "sync_delete",
      "delete",
      "start",
      "stop",
      "resize",
    ]) {
      expect(actions, action).toContain(action);
    }
  });

  it("spans many resource types, some with Chinese names", () => {
    for (const type of ["server", "host", "disk", "eip", "user", "network"])
      expect(types).toContain(type);
    expect(types.size).toBeGreaterThanOrEqual(10);
    expect(events.some((d) => /[\u4e00-\u9fff]/.test(d.expect.resourceName ?? ""))).toBe(true);
  });

  it("mixes in failed operations, template text and re-sent duplicates at modest rates", () => {
    const share = (count: number) => count / stream.length;
    expect(share(events.filter((d) => d.expect.result === "failed").length)).toBeGreaterThan(0.01);
    const texts = stream.filter((d) => d.expect.kind === "text");
    expect(share(texts.length)).toBeGreaterThan(0.03);
    expect(share(texts.length)).toBeLessThan(0.15);
    const duplicates = stream.filter((d) => d.expect.duplicateOf !== null);
    expect(share(duplicates.length)).toBeGreaterThan(0.01);
    expect(share(duplicates.length)).toBeLessThan(0.1);
  });

  it("carries the plaintext password on a successful local server create, and says so", () => {
    const creates = events.filter(
      (d) => d.expect.resourceType === "server" && d.expect.action === "create",
    );
    const withPassword = creates.filter(
      (d) => d.expect.result === "succeed" && d.expect.duplicateOf === null,
    );
    expect(withPassword.length).toBeGreaterThan(0);
    for (const delivery of withPassword) {
      expect(detailsOf(delivery)).toMatchObject({
        password: expect.any(String),
        login_account: expect.any(String),
      });
      expect(delivery.expect.secretFields).toEqual(["password"]);
    }
    for (const delivery of creates.filter((d) => d.expect.result === "failed")) {
      expect(detailsOf(delivery)).not.toHaveProperty("password");
    }
  });

  it("sends template text as {Msg: text} with the event's X-Yunion-Event", () => {
    const texts = stream.filter((d) => d.expect.kind === "text");
    for (const delivery of texts) {
      const body = JSON.parse(delivery.body) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(["Msg"]);
      expect(body.Msg).toMatch(/\S+ \S+/);
      expect(header(delivery, "X-Yunion-Event")).toBe(delivery.expect.eventType);
    }
  });

  it("produces exactly count deliveries, every event body distinct unless re-sent", () => {
    // Template texts may repeat for real ("user x update succeeded" twice): only the JSON
    // events are unique by construction (updated_at moves on every change).
    expect(stream).toHaveLength(800);
    expect(new Set(events.map((d) => d.body)).size).toBe(events.length);
  });
});

describe("validation messages", () => {
  it.each([
    ["current", undefined, VERIFICATION_TEXTS[0]],
    ["2022", "", VERIFICATION_TEXTS[0]],
    ["validate", "VALIDATE", VERIFICATION_TEXTS[1]],
  ] as const)("renders the %s variant and parses as a verification", (variant, eventType, text) => {
    const delivery = renderMessage({
      message: { kind: "validation", variant },
      robot: { body: { team: "ops" } },
      random: createRandom(1),
      sequence: 0,
      asTemplate: false,
    });
    expect(header(delivery, "X-Yunion-Event")).toBe(eventType);
    expect(JSON.parse(delivery.body)).toEqual({ Msg: text, team: "ops" });
    expect(parse(delivery).kind).toBe("verification");
  });
});
