import { formatEventType } from "./event-type";
import { jsonutilsMarshal } from "./go-json";
import type { HeaderPairs } from "./headers";
import {
  canonicalHeaderName,
  RELEASE_PROFILES,
  SAMPLE_API_SERVER,
  TRACE_HEADER_NAMES,
  type PlatformRelease,
  type ReleaseProfile,
} from "./platform-releases";
import { signBody } from "./verify-signature";
import { DEFAULT_MESSAGE_KEY, VERIFICATION_TEXTS } from "./vocabulary";

/**
 * Builds the request the platform's notify service sends for one message, following
 * pkg/notify/sender/webhook.go of the release asked for (current by default): default
 * headers, the robot's string headers (canonical names), then the headers the sender
 * forces (Content-Type, trace headers, X-Yunion-Remote-Addr) and X-Auth-Token; written
 * User-Agent first and the rest sorted, as Go does. The body: the message, its copy as a
 * JSON string under msg_key (3.10.4+), the robot's body keys on top, in jsonutils' JSON.
 * Used by the simulator, the wizard's preview, endpoint-mode replays and test deliveries.
 */
export type EventMessage = {
  action: string;
  resource_type: string;
  result?: string;
  resource_details: Record<string, unknown>;
};

export type RobotSettings = {
  header?: Record<string, unknown>;
  body?: Record<string, unknown>;
  msgKey?: string | null;
  secretKey?: string | null;
  useTemplate?: boolean;
};

export type RenderInput =
  | { kind: "event"; event: EventMessage; templateText?: string; eventType?: string }
  | {
      kind: "text";
      text: string;
      eventType?: string | null;
      /** 3.8-3.9 send a text's title, uppercased, as X-Yunion-Event. */
      title?: string;
      /** The robot's validation: its own X-Yunion-Event per release, no 来自 suffix. */
      validation?: boolean;
    };

export type RenderOptions = {
  release?: PlatformRelease;
  /** The receiver's host:port as the platform dials it (X-Yunion-Remote-Addr). */
  remoteAddr?: string;
};

export type RenderedDelivery = { headers: HeaderPairs; body: string };

export const PLATFORM_DEFAULT_HEADERS: HeaderPairs = [
  ["User-Agent", "yunioncloud-go/201708"],
  ["Accept", "*/*"],
  ["Accept-Encoding", "*"],
];

/** Go writes User-Agent first, then the other headers sorted by name. */
function goOrder(headers: Map<string, string>): HeaderPairs {
  const agent = headers.get("User-Agent");
  const rest = [...headers].filter(([name]) => name !== "User-Agent");
  rest.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return agent === undefined ? rest : [["User-Agent", agent], ...rest];
}

function eventHeaderOf(input: RenderInput & { kind: "event" }, profile: ReleaseProfile) {
  const { resource_type: type, action, result } = input.event;
  if (profile.eventHeader === "topic") return input.eventType ?? formatEventType(type, action);
  const named =
    input.eventType ?? formatEventType(type, action, result === "failed" ? result : null);
  return profile.eventHeader === "title" ? named.replace(/\//g, "_") : named;
}

function textHeaderOf(input: RenderInput & { kind: "text" }, profile: ReleaseProfile) {
  if (input.eventType) return input.eventType;
  if (input.validation) return profile.validationHeader;
  if (profile.textHeader === "empty") return "";
  if (profile.textHeader === "title") return (input.title ?? "NOTIFICATION").toUpperCase();
  return input.eventType === "" ? "" : null;
}

/** Template text that is itself a JSON object is merged into the body, under no key. */
function templateBody(text: string, msgKey: string): Record<string, unknown> {
  if (text.trimStart().startsWith("{")) {
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === "object" && !Array.isArray(value)) {
        return value as Record<string, unknown>;
      }
    } catch {
      // plain text after all
    }
  }
  return { [msgKey]: text };
}

function buildBody(input: RenderInput, robot: RobotSettings, profile: ReleaseProfile): string {
  const msgKey = robot.msgKey || DEFAULT_MESSAGE_KEY;
  const raw = profile.rawControl;
  let body: Record<string, unknown>;
  if (input.kind === "event" && robot.useTemplate) {
    body = templateBody(input.templateText ?? defaultTemplateText(input.event), msgKey);
  } else if (input.kind === "event") {
    const { result, ...rest } = input.event;
    const details = profile.brand
      ? { ...rest.resource_details, brand: profile.brand }
      : rest.resource_details;
    const message = profile.result
      ? { ...rest, resource_details: details, result: result ?? "succeed" }
      : { ...rest, resource_details: details };
    body = profile.copy ? { ...message, [msgKey]: jsonutilsMarshal(message, raw) } : message;
  } else {
    const suffix = profile.textSuffix && !input.validation ? `\n来自 ${SAMPLE_API_SERVER}` : "";
    body = { [msgKey]: input.text + suffix };
  }
  return jsonutilsMarshal({ ...body, ...(robot.body ?? {}) }, raw);
}

/** The resource's name for a text, else its id: the first that is a string or a number
 *  (an object there would print as "[object Object]"), else "". */
export function resourceLabel(details: Record<string, unknown>): string {
  const label = [details.name, details.id].find(
    (value) => typeof value === "string" || typeof value === "number",
  );
  return label === undefined ? "" : String(label);
}

/** A short English rendering like the default topic templates produce. */
export function defaultTemplateText(event: EventMessage): string {
  const name = resourceLabel(event.resource_details);
  const outcome = (event.result ?? "succeed") === "failed" ? "failed" : "succeeded";
  return `${event.resource_type} ${name} ${event.action} ${outcome}`.replace(/\s+/g, " ");
}

/** The headers the sender sets after the robot's, which a robot header cannot change. */
const FORCED = new Set(["content-type", "content-length", "x-auth-token", "x-yunion-remote-addr"]);

export function renderDelivery(
  input: RenderInput,
  robot: RobotSettings = {},
  extraHeaders: HeaderPairs = [],
  options: RenderOptions = {},
): RenderedDelivery {
  const profile = RELEASE_PROFILES[options.release ?? "current"];
  const headers = new Map<string, string>(PLATFORM_DEFAULT_HEADERS);
  const eventHeader =
    input.kind === "event" ? eventHeaderOf(input, profile) : textHeaderOf(input, profile);
  if (eventHeader !== null) headers.set("X-Yunion-Event", eventHeader);
  for (const [name, value] of Object.entries(robot.header ?? {})) {
    const canonical = canonicalHeaderName(name);
    if (typeof value === "string" && !FORCED.has(canonical.toLowerCase())) {
      headers.set(canonical, value);
    }
  }
  headers.set("Content-Type", "application/json");
  for (const [name, value] of extraHeaders) {
    if (profile.traceHeaders || !TRACE_HEADER_NAMES.has(name.toLowerCase())) {
      headers.set(canonicalHeaderName(name), value);
    }
  }
  if (options.remoteAddr) headers.set("X-Yunion-Remote-Addr", options.remoteAddr);
  const body = buildBody(input, robot, profile);
  if (robot.secretKey && profile.signs) {
    headers.set("X-Auth-Token", signBody(robot.secretKey, body));
  }
  return { headers: goOrder(headers), body };
}

/** The robot's validation as the release sends it (on create, and on address change). */
export function renderValidation(
  robot: RobotSettings = {},
  extraHeaders: HeaderPairs = [],
  options: RenderOptions & { text?: string } = {},
): RenderedDelivery {
  const text = options.text ?? VERIFICATION_TEXTS[0] ?? "";
  const input = { kind: "text", text, validation: true } as const;
  return renderDelivery(input, { ...robot, useTemplate: false }, extraHeaders, options);
}

/** The wire's Content-Length, in Go's order (as the preview shows it). */
export function withContentLength(delivery: RenderedDelivery): RenderedDelivery {
  const headers = new Map(delivery.headers);
  headers.set("Content-Length", String(new TextEncoder().encode(delivery.body).length));
  return { headers: goOrder(headers), body: delivery.body };
}
