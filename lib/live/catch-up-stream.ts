import { HEARTBEAT_MS, SSE_HEARTBEAT } from "../http/sse";

/** How many stored messages one catch-up read asks for. */
export const CATCH_UP_PAGE = 500;
/** The stream's first bytes: reconnect after 2 s, and a comment that flushes the headers. */
export const SSE_PRELUDE = "retry: 2000\n: connected\n\n";

export type CatchUpStreamOptions<T> = {
  /** The last id the client has (Last-Event-ID or ?after=); null: no catch-up, live only. */
  after: number | null;
  signal: AbortSignal;
  /** Starts live delivery of messages to `listener`; answers the unsubscribe. */
  subscribe: (listener: (message: T) => void) => () => void;
  /** Stored messages with an id above `after`, oldest first, at most `limit` of them. */
  readAfter: (after: number, limit: number) => T[] | Promise<T[]>;
  /** The id a message is de-duplicated by; null for one that carries none (always sent). */
  idOf: (message: T) => number | null;
  /** The message's SSE frame, ending in a blank line. */
  format: (message: T) => string;
  /** One message sent once live, after the held ones (a bulk's current progress). */
  last?: () => Promise<T>;
  /** After sending a message this answers true for, the stream ends. */
  isFinal?: (message: T) => boolean;
};

/**
 * A Server-Sent Events stream that subscribes first, then (with `after`) sends everything
 * stored after that id, a page at a time, and only then goes live. Live messages that
 * arrive during the catch-up are held and sent after it; a message whose id was already
 * sent is dropped, so nothing is missed or sent twice across a reconnect. A comment
 * heartbeat keeps the connection open; an abort or a cancel closes it and unsubscribes.
 */
export function catchUpStream<T>(options: CatchUpStreamOptions<T>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let live = false;
      let lastSent = options.after ?? 0;
      const held: T[] = [];
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          // the client went away first
        }
      };
      const send = (message: T) => {
        if (closed) return;
        const id = options.idOf(message);
        if (id !== null) {
          if (id <= lastSent) return;
          lastSent = id;
        }
        write(options.format(message));
        if (options.isFinal?.(message)) close();
      };
      const unsubscribe = options.subscribe((message) =>
        live ? send(message) : held.push(message),
      );
      const heartbeat = setInterval(() => write(SSE_HEARTBEAT), HEARTBEAT_MS);
      cleanup = () => {
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
      };
      if (options.signal.aborted) return close();
      options.signal.addEventListener("abort", close);

      try {
        write(SSE_PRELUDE);
        if (options.after !== null) {
          for (;;) {
            const from = lastSent;
            const page = await options.readAfter(from, CATCH_UP_PAGE);
            page.forEach(send);
            // A short page is the end; one that moved nothing on would repeat for ever.
            if (page.length < CATCH_UP_PAGE || lastSent === from || closed) break;
          }
        }
        live = true;
        held.splice(0).forEach(send);
        if (options.last && !closed) send(await options.last());
      } catch (error) {
        if (closed) return;
        cleanup();
        controller.error(error);
      }
    },
    cancel() {
      cleanup();
    },
  });
}
