import {
  renderDelivery,
  renderValidation,
  withContentLength,
  type EventMessage,
  type RenderedDelivery,
  type RenderOptions,
  type RobotSettings,
} from "../cloudpods/render-delivery";

export type DeliveryPreview = {
  /** The event as the platform sends it with use_template off. */
  event: RenderedDelivery;
  /** The template-mode variant, which is what is sent when use_template is on. */
  template: RenderedDelivery | null;
  /** The validation message sent when the robot is created or its address changes. */
  validation: RenderedDelivery;
};

/**
 * Exactly what the platform will send with these robot settings for a sample event,
 * rendered by the same code the simulator and replays use (lib/cloudpods/render-delivery),
 * as the given release sends it (current by default).
 */
export function previewDelivery(
  robot: RobotSettings,
  event: EventMessage,
  templateText?: string,
  options: RenderOptions = {},
): DeliveryPreview {
  const plain = { ...robot, useTemplate: false };
  return {
    event: withContentLength(renderDelivery({ kind: "event", event }, plain, [], options)),
    template: robot.useTemplate
      ? withContentLength(
          renderDelivery(
            { kind: "event", event, templateText },
            { ...robot, useTemplate: true },
            [],
            options,
          ),
        )
      : null,
    validation: withContentLength(renderValidation(plain, [], options)),
  };
}
