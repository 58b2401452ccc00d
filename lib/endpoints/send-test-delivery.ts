import "server-only";
import { getHeader } from "../cloudpods/headers";
import type { PlatformRelease } from "../cloudpods/platform-releases";
import { renderDelivery } from "../cloudpods/render-delivery";
import { sampleEvent } from "../setup/sample-event";
import type { TestDeliveryResult } from "./endpoint-types";
import { getEndpoint } from "./find-endpoints";
import { postDeliveryOnce } from "./post-delivery-once";
import { robotSettingsOf } from "./robot-settings";
import { selfReceiverUrl } from "./self-receiver-url";

function parseAnswer(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Sends a sample event to the endpoint's own receiver over HTTP, rendered with the
 * endpoint's robot settings exactly as the platform would (headers, msg_key, body extras,
 * template text, X-Auth-Token), so the whole path from the wire to the feed is exercised.
 */
export async function sendTestDelivery(options: {
  id: string;
  release?: PlatformRelease;
}): Promise<TestDeliveryResult> {
  const row = await getEndpoint({ id: options.id });
  const robot = robotSettingsOf(row);
  const url = selfReceiverUrl(row.token);
  const delivery = renderDelivery(
    { kind: "event", event: sampleEvent(undefined, new Date()) },
    robot,
    [],
    { release: options.release ?? "current", remoteAddr: url.host },
  );
  const answer = await postDeliveryOnce(url, delivery);
  const base = {
    event_type: getHeader(delivery.headers, "X-Yunion-Event"),
    signed: Boolean(robot.secretKey),
    duration_ms: answer.durationMs,
  };
  if (!answer.ok) {
    return {
      ...base,
      status: null,
      ok: false,
      delivery_id: null,
      answer: null,
      error: answer.error,
    };
  }
  const body = parseAnswer(answer.body);
  const id = typeof body === "object" && body !== null && "id" in body ? Number(body.id) : null;
  return {
    ...base,
    status: answer.status,
    ok: answer.status < 300,
    delivery_id: Number.isFinite(id) ? id : null,
    answer: body,
    error: null,
  };
}
