"use client";
import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";
import { JsonTree } from "@/components/ui/json-tree";
import { ErrorView, Loading } from "@/components/ui/state-views";
import type { EventDetail } from "@/lib/events/get-event";
import { useEventQuery } from "@/lib/query/events";
import { Badge, KindBadge, ResultBadge, SignatureBadge } from "./badges";
import { formatTime } from "./event-table";

function Section({ title, children, actions }: { title: string; children: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="mb-2 flex items-center justify-between">
        <h2 className="text-sm font-semibold text-slate-700">{title}</h2>
        <div className="flex gap-2">{actions}</div>
      </div>
      {children}
    </section>
  );
}

function decodedMessage(message: string): unknown {
  if (!message.trimStart().startsWith("{")) return null;
  try {
    return JSON.parse(message) as unknown;
  } catch {
    return null;
  }
}

function Summary({ event }: { event: EventDetail }) {
  const rows: Array<[string, React.ReactNode]> = [
    ["Received", formatTime(event.received_at)],
    ["Kind", <KindBadge key="k" kind={event.kind} />],
    ["Event type", event.event_type === null ? "(no X-Yunion-Event)" : event.event_type || "(empty)"],
    ["Resource", [event.resource_type, event.resource_name, event.resource_id].filter(Boolean).join(" · ") || "—"],
    ["Action", event.action ?? "—"],
    ["Result", <ResultBadge key="r" result={event.result} />],
    ["Signature", <SignatureBadge key="s" signature={event.signature} />],
    ["Size", `${event.size} bytes`],
    ["Message key", event.message_key ?? "—"],
  ];
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-500">{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function EventDetailView({ id }: { id: number }) {
  const query = useEventQuery(id);
  if (query.isPending) return <Loading what="Loading delivery" />;
  if (query.isError) return <ErrorView error={query.error} />;
  const event = query.data;
  const parsedMessage = event.message ? decodedMessage(event.message) : null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Delivery #{event.id}</h1>
        {event.duplicate_of !== null && (
          <Link href={`/events/${event.duplicate_of}`}>
            <Badge color="amber">{`duplicate of #${event.duplicate_of}`}</Badge>
          </Link>
        )}
        {event.warnings.map((warning) => (
          <Badge key={warning} color="red">{warning.replace(/_/g, " ")}</Badge>
        ))}
        {event.secret_fields.length > 0 && (
          <Badge color="blue" title="Redacted before storage">{`redacted: ${event.secret_fields.join(", ")}`}</Badge>
        )}
        {event.kind === "event" && event.resource_type && event.resource_id && (
          <Link
            className="text-sm text-indigo-700 hover:underline"
            href={`/resources/${encodeURIComponent(event.resource_type)}/${encodeURIComponent(event.resource_id)}`}
          >
            Resource timeline →
          </Link>
        )}
      </div>
      <Section title="Summary"><Summary event={event} /></Section>
      {event.parse_error && (
        <p className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">Not parsed: {event.parse_error}</p>
      )}
      <Section title="Headers">
        <table className="w-full text-left font-mono text-xs" data-testid="headers-table">
          <tbody>
            {event.headers.map(([name, value], i) => (
              <tr key={`${name}-${i}`} className="border-b border-slate-100">
                <td className="py-1 pr-4 align-top whitespace-nowrap text-slate-500">{name}</td>
                <td className="py-1 break-all">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Raw body" actions={<CopyButton text={event.body} />}>
        <pre data-testid="raw-body" className="max-h-80 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-100">
          {event.body}
        </pre>
      </Section>
      {event.payload !== null && (
        <Section title="Parsed payload"><JsonTree value={event.payload} /></Section>
      )}
      {event.message !== null && (
        <Section title={`Decoded message (${event.message_key ?? "message"})`}>
          {parsedMessage !== null ? (
            <JsonTree value={parsedMessage} />
          ) : (
            <p data-testid="decoded-message" className="text-sm whitespace-pre-wrap">{event.message}</p>
          )}
        </Section>
      )}
    </div>
  );
}
