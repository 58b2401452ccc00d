"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import type { DeliveryDetail } from "@/lib/events/delivery-types";
import { receiverAnswer } from "@/lib/events/receiver-answer";
import { describeWarning } from "@/lib/cloudpods/delivery-warnings";
import { KindBadge, ResultBadge, SignatureBadge } from "./badges";
import { ReleaseBadge } from "./release-badge";

/** What each warning means for the operator (lib/cloudpods/delivery-warnings.ts). */
export function warningText(code: string): string {
  return describeWarning(code).message;
}

/** A warning's code in words: "event_fields_overridden:action" -> "event fields overridden". */
function warningLabel(warning: string): string {
  return describeWarning(warning).code.replace(/_/g, " ");
}

/** The event in the platform's terms: what happened to which resource, or what kind of message. */
function Headline({ delivery }: { delivery: DeliveryDetail }) {
  if (delivery.kind === "event") {
    return (
      <p className="flex flex-wrap items-center gap-2 text-lg">
        <span className="font-semibold">{delivery.resource_type ?? "(no resource type)"}</span>
        <span className="font-mono text-indigo-700">{delivery.action ?? "(no action)"}</span>
        <ResultBadge result={delivery.result} />
        {delivery.resource_name && <span className="wrap-anywhere">{delivery.resource_name}</span>}
        {delivery.resource_id && delivery.resource_id !== delivery.resource_name && (
          <span className="font-mono text-xs break-all text-slate-500">{delivery.resource_id}</span>
        )}
      </p>
    );
  }
  const what = {
    verification: "A verification message: the platform checking the robot's address",
    text: "Template text: the robot sends the rendered message, not the event",
    unparsed: "Not understood: kept exactly as received",
    redirected: `A ${delivery.method} without a body: the platform followed a redirect`,
  }[delivery.kind];
  return (
    <div className="space-y-1">
      <p className="flex flex-wrap items-center gap-2 text-lg">
        <KindBadge kind={delivery.kind} />
        <span>{what ?? delivery.kind}</span>
      </p>
      {delivery.message && (
        <p className="text-sm wrap-anywhere whitespace-pre-wrap text-slate-700">
          {delivery.message}
        </p>
      )}
      {delivery.parse_error && (
        <p className="text-sm text-red-800">Not parsed: {delivery.parse_error}</p>
      )}
    </div>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="max-w-full min-w-0">
      <dt className="text-xs text-slate-500">{term}</dt>
      <dd className="text-sm wrap-anywhere">{children}</dd>
    </div>
  );
}

/** The answer the receiver gave, in its status and meaning. */
function Answer({ delivery }: { delivery: DeliveryDetail }) {
  const answer = receiverAnswer(delivery);
  return (
    <span data-testid="receiver-answer" className="inline-flex flex-wrap items-center gap-1">
      <Badge color={answer.status === 200 ? "green" : "red"}>{String(answer.status)}</Badge>
      {answer.code && <span className="font-mono text-xs">{answer.code}</span>}
      <span>{answer.meaning}</span>
    </span>
  );
}

/** The platform release the shape points to, and what follows from it for the operator. */
function ReleaseNotes({ delivery }: { delivery: DeliveryDetail }) {
  if (!delivery.release) return null;
  return (
    <div className="space-y-1 text-sm" data-testid="release-notes">
      <ReleaseBadge release={delivery.release} />
      <ul className="list-disc pl-5 text-slate-600">
        {delivery.release_notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </div>
  );
}

export function DeliveryLead({ delivery }: { delivery: DeliveryDetail }) {
  return (
    <Card aria-label="What arrived" className="space-y-3">
      <Headline delivery={delivery} />
      {delivery.warnings.length > 0 && (
        <ul className="space-y-1" aria-label="Warnings" data-testid="warning-details">
          {delivery.warnings.map((warning) => (
            <li
              key={warning}
              className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
            >
              <span className="font-medium">{warningLabel(warning)}:</span> {warningText(warning)}
            </li>
          ))}
        </ul>
      )}
      <dl className="flex flex-wrap gap-x-8 gap-y-2">
        <Fact term="Received">
          <Time iso={delivery.received_at} />
        </Fact>
        <Fact term="Answered">
          <Answer delivery={delivery} />
        </Fact>
        <Fact term="Signature">
          <SignatureBadge signature={delivery.signature} />
        </Fact>
        <Fact term="Event type">
          <span className="font-mono text-xs">
            {delivery.event_type === null
              ? "(no X-Yunion-Event)"
              : delivery.event_type || "(empty)"}
          </span>
        </Fact>
        <Fact term="Endpoint">
          <Link href="/endpoints" className="text-indigo-700 hover:underline">
            {delivery.endpoint?.name ?? delivery.endpoint_id}
          </Link>
        </Fact>
        <Fact term="Size">{`${delivery.size.toLocaleString()} bytes · ${delivery.message_key ?? "no message key"}`}</Fact>
      </dl>
      {delivery.signature_detail && (
        <p className="text-sm text-slate-700" data-testid="signature-detail">
          {delivery.signature_detail}
        </p>
      )}
      <ReleaseNotes delivery={delivery} />
    </Card>
  );
}
