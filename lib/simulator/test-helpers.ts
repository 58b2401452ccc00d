import { parseDelivery } from "../cloudpods/parse-delivery";
import type { RobotSettings } from "../cloudpods/render-delivery";
import { generateDeliveries, type SimulatorOptions } from "./generate-deliveries";
import type { SimulatedDelivery } from "./delivery-expectation";

/** Test support: a whole stream as an array, and each delivery read back by the parser. */
export function collect(options: Partial<SimulatorOptions> = {}): SimulatedDelivery[] {
  return [...generateDeliveries({ seed: 1, count: 800, ...options })];
}

export function parse(delivery: SimulatedDelivery, robot: RobotSettings = {}) {
  return parseDelivery({
    headers: delivery.headers,
    text: delivery.body,
    robot: { msgKey: robot.msgKey },
  });
}

export function header(delivery: SimulatedDelivery, name: string): string | undefined {
  return delivery.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

export function detailsOf(delivery: SimulatedDelivery): Record<string, unknown> {
  const body = JSON.parse(delivery.body) as { resource_details: Record<string, unknown> };
  return body.resource_details;
}
