import { createParser } from "eventsource-parser";
import type { DeliverySummary } from "../events/delivery-summary";
import type { DeliveryDetail } from "../events/delivery-types";
import { formatReplayError } from "../replay/replay-error";
import { RESPONSE_BODY_CAP } from "../replay/replay-limits";
import { sendRequest } from "../replay/send-request";
import { formatListenLine } from "./format-listen-line";
import type { ListenOptions } from "./listen-options";

/**
 * `hooklens listen`: follows a Hooklens server's delivery stream (SSE) and sends each
 * delivery, byte-exact with its stored headers, to a local URL, one at a time in the
 * order received, printing one line each. A dropped connection is resumed from the last
 * delivery seen (Last-Event-ID), so the server's catch-up fills the gap.
 */
const RECONNECT_MS = [500, 1000, 2000, 5000];
const LOCAL_TIMEOUT_MS = 30_000;

function bytesOf(detail: DeliveryDetail): Buffer {
  return detail.body_base64 !== null
    ? Buffer.from(detail.body_base64, "base64")
    : Buffer.from(detail.body, "utf8");
}

export async function runListener(options: {
  listen: ListenOptions;
  print: (line: string) => void;
  signal: AbortSignal;
}): Promise<void> {
  const { listen, print, signal } = options;
  const auth = { authorization: `Bearer ${listen.token}` };
  const target = new URL(listen.forward);
  // Widened on purpose: the stream callback assigns it, which narrowing does not see.
  let lastId = null as number | null;
  let failures = 0;

  const forward = async (summary: DeliverySummary) => {
    const response = await fetch(`${listen.url}/api/events/${summary.id}`, {
      headers: auth,
      signal,
    });
    if (!response.ok) return print(`#${summary.id}: reading it answered ${response.status}`);
    const detail = (await response.json()) as DeliveryDetail;
    const outcome = await sendRequest(
      {
        url: target,
        headers: [...detail.headers, ["X-Hooklens-Delivery", String(summary.id)]],
        body: bytesOf(detail),
      },
      // The whole point is a local target: loopback and private addresses are allowed;
      // link-local and metadata addresses stay refused, as everywhere.
      {
        policy: { allowPrivate: true },
        timeoutMs: LOCAL_TIMEOUT_MS,
        maxResponseBytes: RESPONSE_BODY_CAP,
        signal,
      },
    );
    print(
      formatListenLine({
        delivery: summary,
        status: outcome.status,
        error: outcome.error ? formatReplayError(outcome.error) : null,
        durationMs: outcome.durationMs,
      }),
    );
  };

  const query = new URLSearchParams(listen.filter).toString();
  print(
    `> Listening to ${listen.url}${query ? ` (${query})` : ""}, forwarding to ${listen.forward}`,
  );
  while (!signal.aborted) {
    try {
      const response = await fetch(`${listen.url}/api/events/stream${query ? `?${query}` : ""}`, {
        headers: {
          ...auth,
          accept: "text/event-stream",
          ...(lastId !== null ? { "last-event-id": String(lastId) } : {}),
        },
        signal,
      });
      if (response.status === 401 || response.status === 403)
        throw Object.assign(new Error(`the token was refused (${response.status})`), {
          fatal: true,
        });
      if (!response.ok || !response.body) throw new Error(`the stream answered ${response.status}`);
      print(
        failures > 0 && lastId !== null
          ? `> Reconnected, catching up after #${lastId}`
          : "> Connected: waiting for deliveries",
      );
      failures = 0;
      let chain = Promise.resolve();
      const parser = createParser({
        onEvent: (message) => {
          if (message.event !== "delivery") return;
          const summary = JSON.parse(message.data) as DeliverySummary;
          lastId = Math.max(lastId ?? 0, summary.id);
          chain = chain
            .then(() => forward(summary))
            .catch((error: unknown) => {
              if (!signal.aborted)
                print(`#${summary.id}: ${error instanceof Error ? error.message : String(error)}`);
            });
        },
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
      await chain;
      throw new Error("the stream ended");
    } catch (error) {
      if (signal.aborted) return;
      if ((error as { fatal?: boolean }).fatal) throw error;
      const wait = RECONNECT_MS[Math.min(failures, RECONNECT_MS.length - 1)]!;
      failures += 1;
      if (failures === 1)
        print(
          `> Connection lost (${error instanceof Error ? error.message : String(error)}); reconnecting`,
        );
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
