import { formatEventType } from "./event-type";
import { goMarshal } from "./go-json";
import type { HeaderPairs } from "./headers";
import { signBody } from "./verify-signature";
import { DEFAULT_MESSAGE_KEY } from "./vocabulary";

/**
 * Builds the request the platform's notify service sends for one message, following
 * pkg/notify/sender/webhook.go: default headers, then the robot's string headers, then
 * X-Auth-Token; the message as the body, itself again as a JSON string under msg_key,
 * then the robot's body keys on top. Used by the simulator, the wizard's preview,
 * endpoint-mode replays and test deliveries, so all of them match the real platform.
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
  | { kind: "text"; text: string; eventType?: string | null };

export type RenderedDelivery = { headers: HeaderPairs; body: string };

export const PLATFORM_DEFAULT_HEADERS: HeaderPairs = [
  ["User-Agent", "yunioncloud-go/201708"],
  ["Accept", "*/*"],
  ["Accept-Encoding", "*"],
  ["Content-Type", "application/json"],
];

function setHeader(headers: HeaderPairs, name: string, value: string) {
  const at = headers.findIndex(([key]) => key.toLowerCase() === name.toLowerCase());
  if (at >= 0) headers[at] = [name, value];
  else headers.push([name, value]);
}

function buildBody(input: RenderInput, robot: RobotSettings): Record<string, unknown> {
  const msgKey = robot.msgKey || DEFAULT_MESSAGE_KEY;
  let body: Record<string, unknown>;
  if (input.kind === "event" && robot.useTemplate) {
    body = { [DEFAULT_MESSAGE_KEY]: input.templateText ?? defaultTemplateText(input.event) };
  } else if (input.kind === "event") {
    const message = { result: "succeed", ...input.event };
    body = { ...message, [msgKey]: goMarshal(message) };
  } else {
    body = { [msgKey]: input.text };
  }
  return { ...body, ...(robot.body ?? {}) };
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

export function renderDelivery(
  input: RenderInput,
  robot: RobotSettings = {},
  extraHeaders: HeaderPairs = [],
): RenderedDelivery {
  const headers: HeaderPairs = [...PLATFORM_DEFAULT_HEADERS, ...extraHeaders];
  if (input.kind === "event") {
    // Releases name most events TYPE/ACTION and outcome events TYPE/ACTION/RESULT.
    const { resource_type: type, action, result } = input.event;
    const suffix = result === "failed" ? result : null;
    setHeader(headers, "X-Yunion-Event", input.eventType ?? formatEventType(type, action, suffix));
  } else if (input.eventType != null) {
    setHeader(headers, "X-Yunion-Event", input.eventType);
  }
  for (const [name, value] of Object.entries(robot.header ?? {})) {
    if (typeof value === "string") setHeader(headers, name, value);
  }
  const body = goMarshal(buildBody(input, robot));
  if (robot.secretKey) setHeader(headers, "X-Auth-Token", signBody(robot.secretKey, body));
  return { headers, body };
}
