import { describe, expect, it } from "vitest";
import { mergeTicks, nextTicks, tickState, type WatchedDelivery } from "./verification-ticks";

const delivery = (id: number, kind: string, signature = "valid"): WatchedDelivery => ({
  id,
  kind,
  event_type: kind === "event" ? "SERVER/CREATE" : null,
  signature,
  warnings: [],
});

describe("verification ticks", () => {
  const none = { validation: null, event: null };

  it("show what had arrived before the step opened", () => {
    const ticks = mergeTicks([delivery(3, "verification"), delivery(7, "event")], none);
    expect(ticks.validation?.id).toBe(3);
    expect(ticks.event?.id).toBe(7);
    expect(tickState(ticks.event)).toBe("ok");
  });

  it("let a live arrival replace an earlier one only when the earlier one was refused", () => {
    const live = nextTicks(none, delivery(20, "event"));
    expect(mergeTicks([delivery(7, "event", "invalid")], live).event?.id).toBe(20);
    expect(mergeTicks([delivery(7, "event")], live).event?.id).toBe(7);
  });

  it("wait while nothing arrived, before or since", () => {
    const ticks = mergeTicks([delivery(1, "text")], none);
    expect(tickState(ticks.validation)).toBe("waiting");
    expect(tickState(ticks.event)).toBe("waiting");
  });
});
