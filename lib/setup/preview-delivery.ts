import type { HeaderPairs } from "../cloudpods/headers";
import {
  renderDelivery,
  type EventMessage,
  type RenderedDelivery,
  type RobotSettings,
} from "../cloudpods/render-delivery";
import { VERIFICATION_TEXTS } from "../cloudpods/vocabulary";

export type DeliveryPreview = {
  /** The event as the platform sends it with use_template off. */
  event: RenderedDelivery;
  /** The template-mode variant, which is what is sent when use_template is on. */
  template: RenderedDelivery | null;
  /** The validation message sent when the robot is created or its address changes. */
  validation: RenderedDelivery;
};

/** Go's transport adds Content-Length from the body bytes; show it as the wire carries it. */
function withLength(delivery: RenderedDelivery): RenderedDelivery {
  const headers: HeaderPairs = [
    ...delivery.headers,
    ["Content-Length", String(new TextEncoder().encode(delivery.body).length)],
  ];
  return { headers, body: delivery.body };
}

/**
 * Exactly what the platform will send with these robot settings for a sample event,
 * rendered by the same code the simulator and replays use (lib/cloudpods/render-delivery).
 */
export function previewDelivery(
  robot: RobotSettings,
  event: EventMessage,
  templateText?: string,
): DeliveryPreview {
  return {
    event: withLength(renderDelivery({ kind: "event", event }, { ...robot, useTemplate: false })),
    template: robot.useTemplate
      ? withLength(
          renderDelivery({ kind: "event", event, templateText }, { ...robot, useTemplate: true }),
        )
      : null,
    validation: withLength(
      renderDelivery(
        { kind: "text", text: VERIFICATION_TEXTS[0]! },
        { ...robot, useTemplate: false },
      ),
    ),
  };
}
