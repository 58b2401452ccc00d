"use client";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { JsonTree } from "@/components/ui/json-tree";
import type { EventDetail } from "@/lib/events/get-event";
import { KindBadge, ResultBadge, SignatureBadge } from "./badges";
import { formatTime } from "./event-table";

export function Section({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-label={title}>
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-700">{title}</h2>
        <div className="flex gap-2">{actions}</div>
      </div>
      {children}
    </section>
  );
}

/** The message text parsed when it is JSON (an event's msg_key value always is). */
export function parseMessage(message: string): { ok: true; value: unknown } | { ok: false } {
  const text = message.trim();
  if (!text.startsWith("{") && !text.startsWith("[")) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export function SummarySection({ event }: { event: EventDetail }) {
  const rows: Array<[string, ReactNode]> = [
    ["Received", formatTime(event.received_at)],
    ["Kind", <KindBadge key="k" kind={event.kind} />],
    [
      "Event type",
      event.event_type === null ? "(no X-Yunion-Event)" : event.event_type || "(empty)",
    ],
    [
      "Resource",
      [event.resource_type, event.resource_name, event.resource_id].filter(Boolean).join(" · ") ||
        "—",
    ],
    ["Action", event.action ?? "—"],
    ["Result", <ResultBadge key="r" result={event.result} />],
    ["Signature", <SignatureBadge key="s" signature={event.signature} />],
    ["Size", `${event.size} bytes`],
    ["Message key", event.message_key ?? "—"],
  ];
  return (
    <Section title="Summary">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-slate-500">{term}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

export function HeadersSection({ headers }: { headers: Array<[string, string]> }) {
  return (
    <Section
      title="Headers"
      actions={<CopyButton text={headers.map(([name, value]) => `${name}: ${value}`).join("\n")} />}
    >
      <table className="w-full text-left font-mono text-xs" data-testid="headers-table">
        <tbody>
          {headers.map(([name, value], i) => (
            <tr key={`${name}-${i}`} className="border-b border-slate-100">
              <td className="w-px py-1 pr-6 align-top whitespace-nowrap text-slate-500">{name}</td>
              <td className="py-1 break-all">
                {value === "" ? <span className="text-slate-400">(empty)</span> : value}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

export function RawBodySection({ event }: { event: EventDetail }) {
  return (
    <Section title="Raw body" actions={<CopyButton text={event.body} />}>
      {event.body_base64 !== null && (
        <p className="mb-2 text-xs text-amber-700">
          The bytes are not valid UTF-8: shown with replacement characters; copy as curl sends the
          exact bytes.
        </p>
      )}
      <pre
        data-testid="raw-body"
        className="max-h-80 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-100"
      >
        {event.body}
      </pre>
    </Section>
  );
}

export function PayloadSection({ payload }: { payload: unknown }) {
  if (payload === null) return null;
  return (
    <Section title="Parsed payload">
      <div data-testid="payload-tree">
        <JsonTree value={payload} />
      </div>
    </Section>
  );
}

export function DecodedMessageSection({ event }: { event: EventDetail }) {
  if (event.message === null) return null;
  const parsed = parseMessage(event.message);
  return (
    <Section
      title={`Decoded message (${event.message_key ?? "message"})`}
      actions={<CopyButton text={event.message} />}
    >
      {parsed.ok ? (
        <div data-testid="decoded-message-tree">
          <JsonTree value={parsed.value} />
        </div>
      ) : (
        <p data-testid="decoded-message" className="text-sm break-all whitespace-pre-wrap">
          {event.message}
        </p>
      )}
    </Section>
  );
}
