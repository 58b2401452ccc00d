import type { DeliverySummary } from "../events/delivery-summary";

/** One line per forwarded delivery, as `hooklens listen` prints it. Pure. */
export function formatListenLine(options: {
  delivery: Pick<
    DeliverySummary,
    "id" | "received_at" | "kind" | "resource_type" | "action" | "result" | "resource_name"
  >;
  status: number | null;
  error: string | null;
  durationMs: number;
}): string {
  const { delivery } = options;
  const what =
    delivery.kind === "event"
      ? [delivery.resource_type, delivery.action, delivery.result, delivery.resource_name]
          .filter(Boolean)
          .join(" ")
      : delivery.kind;
  const answer =
    options.status !== null ? String(options.status) : `error ${options.error ?? ""}`.trim();
  return `${delivery.received_at}  #${delivery.id}  ${what}  -> ${answer} (${options.durationMs} ms)`;
}
