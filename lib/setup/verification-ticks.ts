/**
 * The wizard's last step watches the endpoint's deliveries for the platform's validation
 * message and the first event. A tick holds the first delivery of its kind that passed the
 * signature check, or, until one does, the latest that failed it (the platform got 401
 * for it, so it still needs fixing).
 */
export type WatchedDelivery = {
  id: number;
  kind: string;
  event_type: string | null;
  signature: string;
  warnings: string[];
};

export type Ticks<T extends WatchedDelivery> = { validation: T | null; event: T | null };

export type TickState = "waiting" | "ok" | "rejected";

/** An event: an event body, or template text that still carries X-Yunion-Event. */
export function isEventDelivery(item: WatchedDelivery): boolean {
  return (
    item.kind === "event" ||
    (item.kind === "text" && item.event_type !== null && item.event_type !== "")
  );
}

function better<T extends WatchedDelivery>(current: T | null, next: T): T {
  if (current === null || current.signature === "invalid") return next;
  return current;
}

export function nextTicks<T extends WatchedDelivery>(ticks: Ticks<T>, item: T): Ticks<T> {
  if (item.kind === "verification") return { ...ticks, validation: better(ticks.validation, item) };
  if (isEventDelivery(item)) return { ...ticks, event: better(ticks.event, item) };
  return ticks;
}

export function tickState(item: WatchedDelivery | null): TickState {
  if (item === null) return "waiting";
  return item.signature === "invalid" ? "rejected" : "ok";
}

/**
 * Ticks from what had already arrived before the step opened (`earlier`: the latest
 * validation and event kept) with what arrives live: a reloaded step still shows what
 * the platform sent, and a live arrival replaces an earlier one only as `nextTicks` would.
 */
export function mergeTicks<T extends WatchedDelivery>(earlier: T[], live: Ticks<T>): Ticks<T> {
  const seeded = earlier.reduce<Ticks<T>>(nextTicks, { validation: null, event: null });
  return {
    validation: live.validation ? better(seeded.validation, live.validation) : seeded.validation,
    event: live.event ? better(seeded.event, live.event) : seeded.event,
  };
}
