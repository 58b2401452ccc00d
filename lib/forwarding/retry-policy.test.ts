import { describe, expect, it } from "vitest";
import { backoffMs, isRetryable, judgeAttempt, retryAfterMs } from "./retry-policy";

const base = { attempts: 1, queuedAt: 0, now: 1_000, retryMs: 5_000, maxAgeMs: 86_400_000 };
const answer = (status: number, headers: Array<[string, string]> = []) => ({
  status,
  responseHeaders: headers,
  errorCode: null,
});
const noAnswer = (errorCode: string) => ({ status: null, responseHeaders: null, errorCode });

describe("judgeAttempt", () => {
  it("counts any 2xx as delivered", () => {
    for (const status of [200, 201, 202, 204, 299])
      expect(judgeAttempt({ ...base, result: answer(status) })).toEqual({ outcome: "delivered" });
  });

  it("retries 5xx, 408, 429 and errors without an answer", () => {
    for (const result of [
      answer(500),
      answer(502),
      answer(503),
      answer(408),
      answer(429),
      noAnswer("refused"),
      noAnswer("timeout"),
      noAnswer("reset"),
      noAnswer("dns"),
    ]) {
      expect(judgeAttempt({ ...base, result, random: () => 0 })).toEqual({
        outcome: "retry",
        at: 6_000,
      });
    }
  });

  it("gives up at once on other 4xx, 3xx and refused targets", () => {
    for (const result of [answer(400), answer(401), answer(404), answer(302), noAnswer("blocked")])
      expect(judgeAttempt({ ...base, result }).outcome).toBe("dead");
  });

  it("waits at least the Retry-After of a 429", () => {
    const result = answer(429, [["Retry-After", "60"]]);
    expect(judgeAttempt({ ...base, result, random: () => 0 })).toEqual({
      outcome: "retry",
      at: 61_000,
    });
  });

  it("doubles the wait with each attempt", () => {
    const at = (attempts: number) =>
      judgeAttempt({ ...base, attempts, result: answer(500), random: () => 0 });
    expect(at(1)).toEqual({ outcome: "retry", at: 6_000 });
    expect(at(2)).toEqual({ outcome: "retry", at: 11_000 });
    expect(at(3)).toEqual({ outcome: "retry", at: 21_000 });
  });

  it("sends to the dead letters what would retry past the max age", () => {
    const verdict = judgeAttempt({ ...base, attempts: 5, maxAgeMs: 60_000, result: answer(503) });
    expect(verdict).toEqual({
      outcome: "dead",
      reason: "answered 503: still failing after 5 attempts",
    });
  });
});

describe("backoffMs", () => {
  it("adds up to a quarter of jitter", () => {
    expect(backoffMs(1, 1000, () => 0)).toBe(1000);
    expect(backoffMs(1, 1000, () => 0.999)).toBe(1250);
    expect(backoffMs(4, 1000, () => 0.5)).toBe(9000);
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and HTTP dates, and nothing else", () => {
    expect(retryAfterMs([["retry-after", "7"]], 0)).toBe(7000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs([["Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT"]], now)).toBe(30_000);
    expect(retryAfterMs([["Retry-After", "soon"]], 0)).toBeNull();
    expect(retryAfterMs([], 0)).toBeNull();
    expect(retryAfterMs(null, 0)).toBeNull();
  });
});

describe("isRetryable", () => {
  it("treats 200 as not a failure to retry", () => {
    expect(isRetryable(answer(200))).toBe(false);
    expect(isRetryable(answer(599))).toBe(true);
  });
});
