import { parseEventType } from "../cloudpods/event-type";
import { getHeader, type HeaderPairs } from "../cloudpods/headers";
import { RELEASE_PROFILES, type PlatformRelease } from "../cloudpods/platform-releases";
import {
  defaultTemplateText,
  renderDelivery,
  renderValidation,
  resourceLabel,
  type EventMessage,
  type RobotSettings,
} from "../cloudpods/render-delivery";
import { VERIFICATION_TEXTS } from "../cloudpods/vocabulary";
import { blankExpectation, type SimulatedDelivery } from "./delivery-expectation";
import type { PlatformMessage, ValidationVariant } from "./platform-message";
import type { Random } from "./random";

const TRACE_HEADER_NAMES = ["X-Request-Id", "X-Yunion-Span-Id", "X-Yunion-Strace-Id"];

/** The tracing headers the notify service adds to every request it makes. */
export function traceHeaders(random: Random): HeaderPairs {
  return [
    ["X-Request-Id", random.hex(6)],
    ["X-Yunion-Peer-Service-Name", "notify"],
    ["X-Yunion-Span-Id", "0.0"],
    ["X-Yunion-Strace-Id", random.hex(8)],
    ["X-Yunion-Parent-Id", "0"],
  ];
}

/** The same request sent again by the retry cron: a new trace, the very same body and token. */
export function resend(
  original: SimulatedDelivery,
  random: Random,
  sequence: number,
): SimulatedDelivery {
  const fresh = new Map(traceHeaders(random));
  const headers = original.headers.map(([name, value]): [string, string] =>
    TRACE_HEADER_NAMES.includes(name) ? [name, fresh.get(name) ?? value] : [name, value],
  );
  return {
    headers,
    body: original.body,
    expect: { ...original.expect, sequence, duplicateOf: original.expect.sequence },
  };
}

const TYPE_CN: Record<string, string> = {
  server: "虚拟机",
  host: "宿主机",
  disk: "硬盘",
  eip: "弹性公网IP",
  user: "用户",
  network: "IP子网",
  vpc: "VPC",
  secgroup: "安全组",
  snapshot: "快照",
  image: "镜像",
  dbinstance: "RDS实例",
  bucket: "存储桶",
};
const ACTION_CN: Record<string, string> = {
  create: "创建",
  delete: "删除",
  update: "更新",
  change_config: "调整配置",
  start: "开机",
  stop: "关机",
  resize: "扩容",
  migrate: "迁移",
  attach: "挂载",
  detach: "卸载",
  sync_create: "同步新建",
  sync_update: "同步更新",
  sync_delete: "同步删除",
  status_changed: "状态变更",
  lock: "锁定",
};

/** Text as the topic templates render it, in the robot's language (zh-CN or en). */
export function templateText(event: EventMessage, random: Random): string {
  if (random.chance(0.5)) return defaultTemplateText(event);
  const name = resourceLabel(event.resource_details);
  const type = TYPE_CN[event.resource_type] ?? event.resource_type;
  const action = ACTION_CN[event.action] ?? event.action;
  return `您的${type} ${name} ${action}${event.result === "failed" ? "失败" : "成功"}`;
}

/** "current" is the stream's own release's validation; the others are the variants of
 *  3.10.0-3.10.3 (empty X-Yunion-Event) and of the product page (VALIDATE, its text). */
const VALIDATION: Record<ValidationVariant, { release?: PlatformRelease; text?: string }> = {
  current: {},
  "2022": { release: "3.10.3" },
  validate: { release: "3.9", text: VERIFICATION_TEXTS[1] },
};

/** Renders one platform message as the notify service of `release` would (current by
 *  default), with what to expect of it. */
export function renderMessage(options: {
  message: PlatformMessage;
  robot: RobotSettings;
  random: Random;
  sequence: number;
  asTemplate: boolean;
  release?: PlatformRelease;
}): SimulatedDelivery {
  const { message, random, sequence } = options;
  const release = options.release ?? "current";
  const signs = RELEASE_PROFILES[release].signs;
  // Releases that never sign send no X-Auth-Token whatever the robot's secret_key.
  const robot = signs ? options.robot : { ...options.robot, secretKey: null };
  const expect = blankExpectation(sequence, Boolean(robot.secretKey));
  if (message.kind === "validation") {
    const variant = VALIDATION[message.variant];
    const rendered = renderValidation(robot, traceHeaders(random), {
      release: variant.release ?? release,
      text: variant.text,
    });
    const eventType = getHeader(rendered.headers, "X-Yunion-Event");
    return { ...rendered, expect: { ...expect, kind: "verification", eventType } };
  }
  if (message.kind === "alert") {
    const rendered = renderDelivery(
      { kind: "text", text: message.text, title: message.title },
      { ...robot, useTemplate: false },
      traceHeaders(random),
      { release },
    );
    const eventType = getHeader(rendered.headers, "X-Yunion-Event");
    return { ...rendered, expect: { ...expect, kind: "text", eventType } };
  }
  const { event } = message;
  const useTemplate = options.asTemplate || Boolean(robot.useTemplate);
  const templateInput = useTemplate ? templateText(event, random) : undefined;
  const rendered = renderDelivery(
    { kind: "event", event, eventType: message.eventType, templateText: templateInput },
    { ...robot, useTemplate },
    traceHeaders(random),
    { release },
  );
  const eventType = getHeader(rendered.headers, "X-Yunion-Event");
  const subjectId = String(event.resource_details.id);
  if (useTemplate) {
    const fromHeader = parseEventType(eventType);
    return {
      ...rendered,
      expect: {
        ...expect,
        eventType,
        subjectId,
        resourceType: fromHeader?.resourceType ?? null,
        action: fromHeader?.action ?? null,
        result: fromHeader?.result ?? null,
      },
    };
  }
  const details = event.resource_details;
  return {
    ...rendered,
    expect: {
      ...expect,
      kind: "event",
      eventType,
      subjectId,
      resourceType: event.resource_type,
      action: event.action,
      // 3.7 sends no result: the receiver reads the default.
      result: RELEASE_PROFILES[release].result ? (event.result ?? "succeed") : "succeed",
      resourceId: typeof details.id === "string" ? details.id : null,
      resourceName: typeof details.name === "string" ? details.name : null,
      secretFields: message.secretFields,
      changedFields: message.changedFields,
      transientFields: message.transientFields,
    },
  };
}
