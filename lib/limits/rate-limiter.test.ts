import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter";

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("RateLimiter", () => {
  it("allows the burst, then one per 1/rate seconds, and says when to retry", () => {
    const time = clock();
    const limiter = new RateLimiter(2, 3, { now: time.now });
    expect([1, 2, 3].map(() => limiter.take("a").ok)).toEqual([true, true, true]);
    expect(limiter.take("a")).toEqual({ ok: false, retryAfterSeconds: 1 });
    time.advance(499);
    expect(limiter.take("a").ok).toBe(false);
    time.advance(1);
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("a").ok).toBe(false);
  });

  it("keeps keys apart and never refills past the burst", () => {
    const time = clock();
    const limiter = new RateLimiter(1, 2, { now: time.now });
    limiter.take("a");
    limiter.take("a");
    expect(limiter.take("a").ok).toBe(false);
    expect(limiter.take("b").ok).toBe(true);
    time.advance(3_600_000);
    expect([1, 2, 3].map(() => limiter.take("a").ok)).toEqual([true, true, false]);
  });

  it("rounds Retry-After up to whole seconds for slow rates", () => {
    const time = clock();
    const limiter = new RateLimiter(20 / 60, 20, { now: time.now });
    for (let i = 0; i < 20; i++) limiter.take("ip");
    expect(limiter.take("ip")).toEqual({ ok: false, retryAfterSeconds: 3 });
    expect(limiter.check("ip").ok).toBe(false);
    time.advance(3000);
    expect(limiter.check("ip").ok).toBe(true);
  });

  it("check() does not spend", () => {
    const limiter = new RateLimiter(1, 1, { now: () => 0 });
    expect(limiter.check("a").ok).toBe(true);
    expect(limiter.check("a").ok).toBe(true);
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.check("a").ok).toBe(false);
  });

  it("holds at most maxKeys keys, dropping the oldest", () => {
    const limiter = new RateLimiter(1, 1, { maxKeys: 100, now: () => 0 });
    for (let i = 0; i < 10_000; i++) limiter.take(`key-${i}`);
    expect(limiter.size).toBe(100);
    expect(limiter.take("key-9999").ok).toBe(false);
    expect(limiter.take("key-0").ok).toBe(true);
  });
});
