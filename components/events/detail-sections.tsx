"use client";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { JsonTree } from "@/components/ui/json-tree";
import type { DeliveryDetail } from "@/lib/events/delivery-types";

/** A tab's own toolbar: what it shows, and its copy button. */
function TabBar({ note, actions }: { note?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
      <span>{note}</span>
      <div className="flex gap-2">{actions}</div>
    </div>
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

export function HeadersSection({ headers }: { headers: Array<[string, string]> }) {
  return (
    <div>
      <TabBar
        note={`${headers.length} headers, in the order received`}
        actions={
          <CopyButton text={headers.map(([name, value]) => `${name}: ${value}`).join("\n")} />
        }
      />
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
    </div>
  );
}

export function RawBodySection({ delivery }: { delivery: DeliveryDetail }) {
  return (
    <div>
      <TabBar
        note={
          delivery.body_base64 !== null ? (
            <span className="text-amber-700">
              The bytes are not valid UTF-8: shown with replacement characters; copy as curl sends
              the exact bytes.
            </span>
          ) : (
            `${delivery.size.toLocaleString()} bytes, exactly as received`
          )
        }
        actions={<CopyButton text={delivery.body} />}
      />
      <pre
        data-testid="raw-body"
        className="code-block max-h-[32rem] overflow-auto rounded p-3 font-mono text-xs break-all whitespace-pre-wrap"
      >
        {delivery.body}
      </pre>
    </div>
  );
}

export function PayloadSection({ payload }: { payload: unknown }) {
  return (
    <div>
      <TabBar note="The body parsed as JSON" />
      <div data-testid="payload-tree" className="overflow-x-auto">
        <JsonTree value={payload} />
      </div>
    </div>
  );
}

export function DecodedMessageSection({ delivery }: { delivery: DeliveryDetail }) {
  if (delivery.message === null) return null;
  const parsed = parseMessage(delivery.message);
  return (
    <div>
      <TabBar
        note={`Decoded message (${delivery.message_key ?? "message"})`}
        actions={<CopyButton text={delivery.message} />}
      />
      {parsed.ok ? (
        <div data-testid="decoded-message-tree" className="overflow-x-auto">
          <JsonTree value={parsed.value} />
        </div>
      ) : (
        <p data-testid="decoded-message" className="text-sm wrap-anywhere whitespace-pre-wrap">
          {delivery.message}
        </p>
      )}
    </div>
  );
}
