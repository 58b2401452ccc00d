import { describe, expect, it } from "vitest";
import { DetailsCache } from "./details-cache";

describe("DetailsCache", () => {
  it("keeps details, including a known null, by delivery id", () => {
    const cache = new DetailsCache(100);
    cache.set(1, { id: "a" }, 10);
    cache.set(2, null, 10);
    expect(cache.get(1)).toEqual({ id: "a" });
    expect(cache.get(2)).toBeNull();
    expect(cache.get(3)).toBeUndefined();
  });

  it("drops the least recently used entries past its byte budget", () => {
    const cache = new DetailsCache(30);
    cache.set(1, { n: 1 }, 10);
    cache.set(2, { n: 2 }, 10);
    cache.set(3, { n: 3 }, 10);
    cache.get(1);
    cache.set(4, { n: 4 }, 10);
    expect(cache.get(2)).toBeUndefined();
    expect(cache.get(1)).toEqual({ n: 1 });
    expect(cache.size).toBe(3);
  });

  it("does not keep an entry larger than the whole budget, nor count a replaced one twice", () => {
    const cache = new DetailsCache(30);
    cache.set(1, { big: true }, 31);
    expect(cache.get(1)).toBeUndefined();
    cache.set(2, { n: 2 }, 20);
    cache.set(2, { n: 2 }, 20);
    cache.set(3, { n: 3 }, 10);
    expect(cache.get(2)).toEqual({ n: 2 });
  });

  it("empties on clear", () => {
    const cache = new DetailsCache(30);
    cache.set(1, { n: 1 }, 10);
    cache.clear();
    expect(cache.get(1)).toBeUndefined();
    cache.set(2, { n: 2 }, 30);
    expect(cache.get(2)).toEqual({ n: 2 });
  });
});
