import type { RobotSettings } from "../cloudpods/render-delivery";
import type { PlatformMessage } from "./platform-message";
import { createClock } from "./platform-time";
import { createRandom } from "./random";
import type { SimulatedDelivery } from "./delivery-expectation";
import { renderMessage, resend } from "./render-message";
import { createPlatform } from "./simulated-platform";

export type SimulatorOptions = {
  seed: number;
  /** How many deliveries to produce, re-sent duplicates included. */
  count: number;
  /** The robot whose requests are simulated: msg_key, secret_key, header and body extras. */
  robot?: RobotSettings;
  /** The platform clock at the start (epoch ms); fixed by default so a seed is reproducible. */
  startAt?: number;
  /** Share of events rendered as template text (a robot switched to use_template). */
  templateShare?: number;
  /** Share of deliveries the retry cron sends again a little later. */
  duplicateShare?: number;
};

export const DEFAULT_START_AT = Date.UTC(2026, 0, 5, 8, 0, 0);

type PendingResend = { due: number; original: SimulatedDelivery };

/**
 * A realistic, deterministic stream of Cloudpods deliveries, ready to POST: the robot's
 * validation first, then resources created, changed, synced, attached and deleted, with
 * template text, failures and retries mixed in the way a platform produces them.
 */
export function* generateDeliveries(
  options: SimulatorOptions,
): Generator<SimulatedDelivery, void, undefined> {
  const random = createRandom(options.seed);
  const clock = createClock(options.startAt ?? DEFAULT_START_AT);
  const platform = createPlatform(random, clock);
  const robot = options.robot ?? {};
  const templateShare = options.templateShare ?? 0.08;
  const duplicateShare = options.duplicateShare ?? 0.04;
  // Changes that went out as template text still happened: the next JSON event about the
  // same resource shows them too.
  const unseenChanges = new Map<string, Set<string>>();
  const resends: PendingResend[] = [];
  const pending: PlatformMessage[] = [{ kind: "validation", variant: "current" }];

  for (let sequence = 0; sequence < options.count; sequence++) {
    const dueAt = resends.findIndex((entry) => entry.due <= sequence);
    if (dueAt >= 0) {
      const [entry] = resends.splice(dueAt, 1);
      if (entry) {
        yield resend(entry.original, random, sequence);
        continue;
      }
    }
    if (pending.length === 0) {
      clock.advance(random.int(2_000, 90_000));
      pending.push(...platform.step());
    }
    const message = pending.shift() as PlatformMessage;
    const asTemplate = message.kind === "event" && random.chance(templateShare);
    const delivery = renderMessage({ message, robot, random, sequence, asTemplate });
    if (message.kind === "event") trackChanges(unseenChanges, message, delivery);
    if (message.kind === "event" && random.chance(duplicateShare)) {
      resends.push({ due: sequence + random.int(2, 12), original: delivery });
    }
    yield delivery;
  }
}

function trackChanges(
  unseen: Map<string, Set<string>>,
  message: PlatformMessage & { kind: "event" },
  delivery: SimulatedDelivery,
) {
  const id = String(message.event.resource_details.id);
  const fields = unseen.get(id) ?? new Set<string>();
  for (const field of message.changedFields) fields.add(field);
  if (delivery.expect.kind === "event") {
    delivery.expect.changedFields = [...fields].sort();
    unseen.delete(id);
  } else {
    unseen.set(id, fields);
  }
}
