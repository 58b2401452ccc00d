"use client";
import Link from "next/link";
import { Time } from "@/components/ui/time";
import type { ReplayView } from "@/lib/replay/replay-view";
import { BodyText, HeaderTable } from "./header-table";
import { formatDuration, ReplayStatus } from "./replay-status";

/** One attempt in full: what the target answered (or why it did not), then what was sent. */
export function AttemptView({
  attempt,
  showEvent = false,
}: {
  attempt: ReplayView;
  showEvent?: boolean;
}) {
  return (
    <div className="space-y-3" data-testid="replay-attempt">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span data-testid="replay-status">
          <ReplayStatus attempt={attempt} />
        </span>
        <span className="text-slate-500" data-testid="replay-sent-at">
          sent <Time iso={attempt.created_at} />
        </span>
        <span className="text-slate-500">{formatDuration(attempt.duration_ms)}</span>
        <span className="font-mono text-xs break-all text-slate-700">{attempt.url}</span>
        <span className="text-xs text-slate-500">{attempt.mode}</span>
        {showEvent && (
          <Link
            href={`/events/${attempt.event_id}`}
            className="text-xs text-indigo-700 hover:underline"
          >
            {`delivery #${attempt.event_id}`}
          </Link>
        )}
      </div>
      {attempt.error && (
        <p
          className="rounded border border-red-200 bg-red-50 p-2 text-sm text-red-800"
          data-testid="replay-error"
        >
          {attempt.error}
        </p>
      )}
      {attempt.response_headers && (
        <div className="space-y-2">
          <h3 className="text-xs font-semibold text-slate-600 uppercase">Response</h3>
          <HeaderTable headers={attempt.response_headers} testId="replay-response-headers" />
          <BodyText text={attempt.response_body ?? ""} testId="replay-response-body" />
          {attempt.response_truncated && (
            <p className="text-xs text-amber-700">Only the first 64 KiB of the answer was kept.</p>
          )}
        </div>
      )}
      <details className="rounded border border-slate-200 p-2">
        <summary className="cursor-pointer text-xs font-semibold text-slate-600 uppercase">
          Request sent
        </summary>
        <div className="mt-2 space-y-2">
          <HeaderTable headers={attempt.request_headers} testId="replay-request-headers" />
          <BodyText text={attempt.request_body} />
          {attempt.request_body_base64 && (
            <p className="text-xs text-slate-500">The body is not UTF-8; it was sent as stored.</p>
          )}
        </div>
      </details>
    </div>
  );
}
