import { createParser, type EventSourceMessage } from "eventsource-parser";
import { TEST_ADMIN_TOKEN } from "./start-server";

/** An SSE client over fetch (Node 20 has no EventSource), parsed by eventsource-parser. */
export function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const messages: EventSourceMessage[] = [];
  const waiters: Array<() => void> = [];
  const parser = createParser({
    onEvent: (message) => {
      messages.push(message);
      waiters.splice(0).forEach((wake) => wake());
    },
  });
  const ready = fetch(url, {
    headers: {
      authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
      accept: "text/event-stream",
      ...headers,
    },
    signal: controller.signal,
  }).then((response) => {
    if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(value);
        }
      } catch {
        // aborted
      }
    })();
    return response;
  });
  return {
    ready,
    messages,
    /** Resolves once `count` messages have arrived (or rejects after timeoutMs). */
    async waitFor(count: number, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} messages, got ${messages.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return messages.slice(0, count);
    },
    close: () => controller.abort(),
  };
}
