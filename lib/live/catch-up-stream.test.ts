import { afterEach, describe, expect, it, vi } from "vitest";
import { HEARTBEAT_MS, SSE_HEARTBEAT } from "../http/sse";
import {
  CATCH_UP_PAGE,
  SSE_PRELUDE,
  catchUpStream,
  type CatchUpStreamOptions,
} from "./catch-up-stream";

type Message = { id: number | null; name: string };

const frame = (message: Message) => `${message.id ?? "-"} ${message.name}\n\n`;

/** A stream over a fake bus and store, with the bytes it sends read one write at a time. */
function open(overrides: Partial<CatchUpStreamOptions<Message>> = {}) {
  const listeners = new Set<(message: Message) => void>();
  const abort = new AbortController();
  const stream = catchUpStream<Message>({
    after: null,
    signal: abort.signal,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    readAfter: () => [],
    idOf: (message) => message.id,
    format: frame,
    ...overrides,
  });
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  return {
    listeners,
    abort: () => abort.abort(),
    cancel: () => reader.cancel(),
    publish: (...messages: Message[]) =>
      messages.forEach((message) => listeners.forEach((listener) => listener(message))),
    /** The next `count` writes. */
    async take(count: number) {
      const writes: string[] = [];
      while (writes.length < count) {
        const { done, value } = await reader.read();
        if (done) throw new Error(`stream ended after ${writes.join("")}`);
        writes.push(decoder.decode(value));
      }
      return writes;
    },
    /** Everything left until the stream ends. */
    async rest() {
      let text = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return text;
        text += decoder.decode(value);
      }
    },
  };
}

const m = (id: number | null, name = `m${id}`): Message => ({ id, name });

/** A promise the test settles by hand, to hold a catch-up read open. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("catchUpStream", () => {
  it("without `after` sends the prelude, then live messages as they come, reading nothing stored", async () => {
    const readAfter = vi.fn(() => [m(1)]);
    const stream = open({ readAfter });
    expect(await stream.take(1)).toEqual([SSE_PRELUDE]);
    stream.publish(m(7), m(8));
    expect(await stream.take(2)).toEqual([frame(m(7)), frame(m(8))]);
    expect(readAfter).not.toHaveBeenCalled();
  });

  it("sends stored messages first, then those held during the catch-up, each id once", async () => {
    const read = deferred<Message[]>();
    const readAfter = vi.fn(() => read.promise);
    const stream = open({ after: 3, readAfter });
    expect(await stream.take(1)).toEqual([SSE_PRELUDE]);
    expect(readAfter).toHaveBeenCalledWith(3, CATCH_UP_PAGE);

    // Arrive while the store is read: 5 is also in the store, 6 only live.
    stream.publish(m(5, "live 5"), m(6));
    read.resolve([m(4), m(5)]);
    expect(await stream.take(3)).toEqual([frame(m(4)), frame(m(5)), frame(m(6))]);

    stream.publish(m(6, "again"), m(2), m(9));
    expect(await stream.take(1)).toEqual([frame(m(9))]);
  });

  it("reads the store a page at a time from the last id sent until a page comes back short", async () => {
    const full = Array.from({ length: CATCH_UP_PAGE }, (_, i) => m(i + 1));
    const readAfter = vi.fn((after: number) => (after === 0 ? full : [m(CATCH_UP_PAGE + 1)]));
    const stream = open({ after: 0, readAfter });
    const writes = await stream.take(CATCH_UP_PAGE + 2);
    expect(writes.at(-1)).toBe(frame(m(CATCH_UP_PAGE + 1)));
    expect(readAfter.mock.calls.map(([after]) => after)).toEqual([0, CATCH_UP_PAGE]);
  });

  it("stops reading when a full page moves nothing on, rather than looping", async () => {
    const stale = Array.from({ length: CATCH_UP_PAGE }, () => m(1));
    // Answers short from the third read on, so that a loop fails the test instead of hanging it.
    const readAfter = vi.fn(() => (readAfter.mock.calls.length > 2 ? [] : stale));
    const stream = open({ after: 5, readAfter });
    await stream.take(1);
    stream.publish(m(6));
    expect(await stream.take(1)).toEqual([frame(m(6))]);
    expect(readAfter).toHaveBeenCalledTimes(1);
  });

  it("always sends a message without an id, in its place among the others", async () => {
    const read = deferred<Message[]>();
    const stream = open({ after: 0, readAfter: () => read.promise });
    await stream.take(1);
    stream.publish(m(null, "p1"), m(2), m(null, "p2"));
    read.resolve([m(1), m(2)]);
    expect(await stream.take(4)).toEqual([
      frame(m(1)),
      frame(m(2)),
      frame(m(null, "p1")),
      frame(m(null, "p2")),
    ]);
  });

  it("sends `last` after the held messages, and ends after a final message, unsubscribed", async () => {
    const read = deferred<Message[]>();
    const stream = open({
      after: 0,
      readAfter: () => read.promise,
      last: () => Promise.resolve(m(null, "done")),
      isFinal: (message) => message.name === "done",
    });
    await stream.take(1);
    stream.publish(m(2));
    read.resolve([m(1)]);
    expect(await stream.rest()).toBe([m(1), m(2), m(null, "done")].map(frame).join(""));
    expect(stream.listeners.size).toBe(0);
  });

  it("ends at a final message held during the catch-up and then sends no `last`", async () => {
    const read = deferred<Message[]>();
    const last = vi.fn(() => Promise.resolve(m(null, "late")));
    const stream = open({
      after: 0,
      readAfter: () => read.promise,
      last,
      isFinal: (message) => message.name === "done",
    });
    await stream.take(1);
    stream.publish(m(null, "done"), m(3));
    read.resolve([m(1)]);
    expect(await stream.rest()).toBe([m(1), m(null, "done")].map(frame).join(""));
    expect(last).not.toHaveBeenCalled();
  });

  it("writes a heartbeat comment every HEARTBEAT_MS", async () => {
    vi.useFakeTimers();
    const stream = open();
    await stream.take(1);
    vi.advanceTimersByTime(HEARTBEAT_MS - 1);
    stream.publish(m(1));
    expect(await stream.take(1)).toEqual([frame(m(1))]);
    vi.advanceTimersByTime(1);
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(await stream.take(2)).toEqual([SSE_HEARTBEAT, SSE_HEARTBEAT]);
  });

  it("on abort ends the stream, unsubscribes and stops the heartbeat", async () => {
    vi.useFakeTimers();
    const stream = open();
    await stream.take(1);
    expect(stream.listeners.size).toBe(1);
    stream.abort();
    expect(await stream.rest()).toBe("");
    expect(stream.listeners.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("on abort during the catch-up sends nothing more, even when the read then answers", async () => {
    const read = deferred<Message[]>();
    const stream = open({ after: 0, readAfter: () => read.promise });
    await stream.take(1);
    stream.abort();
    read.resolve([m(1)]);
    expect(await stream.rest()).toBe("");
    expect(stream.listeners.size).toBe(0);
  });

  it("when the client cancels, unsubscribes and stops the heartbeat", async () => {
    vi.useFakeTimers();
    const stream = open();
    await stream.take(1);
    await stream.cancel();
    expect(stream.listeners.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("when a catch-up read fails, errors the stream and unsubscribes", async () => {
    const stream = open({ after: 0, readAfter: () => Promise.reject(new Error("disk gone")) });
    await stream.take(1);
    await expect(stream.take(1)).rejects.toThrow("disk gone");
    expect(stream.listeners.size).toBe(0);
  });
});
