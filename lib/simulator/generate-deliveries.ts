import { PLATFORM_RELEASES, type PlatformRelease } from "../cloudpods/platform-releases";
import type { RobotSettings } from "../cloudpods/render-delivery";
import type { PlatformMessage } from "./platform-message";
import { createClock } from "./platform-time";
import { createRandom, type Random } from "./random";
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
  /** The platform release whose requests to send, or "mixed": a fleet of releases, each
   *  resource on one of them (default current). */
  release?: PlatformRelease | "mixed";
  /** Share of monitor alerts (text without an event) among the messages. */
  alertShare?: number;
};

/** A fleet as met in the field: mostly current and 3.11, the older ones still about. */
const FLEET: Record<PlatformRelease, number> = {
  current: 35,
  "3.11": 25,
  "3.10.3": 15,
  "3.9": 15,
  "3.7": 10,
};

function fleetRelease(key: string): PlatformRelease {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) >>> 0;
  let at = hash % 100;
  for (const release of PLATFORM_RELEASES) {
    at -= FLEET[release];
    if (at < 0) return release;
  }
  return "current";
}

function releaseFor(choice: PlatformRelease | "mixed", message: PlatformMessage, sequence: number) {
  if (choice !== "mixed") return choice;
  // One resource stays on one platform, so its timeline reads as one platform's.
  const key = message.kind === "event" ? String(message.event.resource_details.id) : `m${sequence}`;
  return fleetRelease(key);
}

/** Alerts as the monitor service words them; some carry terminal escapes (control
 *  characters, which releases before mid-2026 write raw). */
function alertMessage(random: Random): PlatformMessage {
  const host = `host-${random.int(1, 9)}`;
  const usage = random.int(81, 99);
  const text = random.chance(0.5)
    ? `AlertName: cpu.usage\nResource: ${host}\nValue: ${usage}%\nLevel: \u001b[31mimportant\u001b[0m`
    : `策略名称: 内存使用率\n资源: ${host}\n当前值: ${usage}%\n级别: 重要`;
  return { kind: "alert", text, title: "monitor alert" };
}

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
  const releaseChoice = options.release ?? "current";
  const alertShare = options.alertShare ?? 0;
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
    const message =
      alertShare > 0 && sequence > 0 && random.chance(alertShare)
        ? alertMessage(random)
        : (pending.shift() as PlatformMessage);
    const asTemplate = message.kind === "event" && random.chance(templateShare);
    const release = releaseFor(releaseChoice, message, sequence);
    const delivery = renderMessage({ message, robot, random, sequence, asTemplate, release });
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
