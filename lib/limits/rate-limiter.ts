/**
 * Token buckets by key: each key holds up to `burst` tokens and earns `ratePerSecond`
 * back. Pure and clock-injected so that it can be tested without waiting. The number of
 * keys is capped (oldest dropped first) so that hostile keys cannot grow it without end.
 */
export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

type Bucket = { tokens: number; at: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    options: { maxKeys?: number; now?: () => number } = {},
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) throw new Error("rate must be > 0 and burst >= 1");
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  private refill(key: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) {
        const oldest = this.buckets.keys().next();
        if (!oldest.done) this.buckets.delete(oldest.value);
      }
      const fresh = { tokens: this.burst, at: now };
      this.buckets.set(key, fresh);
      return fresh;
    }
    const earned = ((now - bucket.at) / 1000) * this.ratePerSecond;
    bucket.tokens = Math.min(this.burst, bucket.tokens + Math.max(0, earned));
    bucket.at = now;
    return bucket;
  }

  private refusal(bucket: Bucket): RateLimitResult {
    const wait = (1 - bucket.tokens) / this.ratePerSecond;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
  }

  /** Spends one token for `key`, or says how long until one is earned. */
  take(key: string): RateLimitResult {
    const bucket = this.refill(key);
    if (bucket.tokens < 1) return this.refusal(bucket);
    bucket.tokens -= 1;
    return { ok: true };
  }

  /** Whether `key` has a token left, without spending it. */
  check(key: string): RateLimitResult {
    const bucket = this.refill(key);
    return bucket.tokens < 1 ? this.refusal(bucket) : { ok: true };
  }

  get size(): number {
    return this.buckets.size;
  }
}
