"use client";
import Link from "next/link";
import { TableHead } from "@/components/ui/table-head";
import { Time } from "@/components/ui/time";
import { useRetryReplayMutation } from "@/lib/query/replays";
import type { ReplaySummary } from "@/lib/replay/replay-view";
import { formatDuration, ReplayStatus } from "./replay-status";
import { Button } from "@/components/ui/button";

export function RunAgain({ id }: { id: number }) {
  const retry = useRetryReplayMutation();
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="xs" disabled={retry.isPending} onClick={() => retry.mutate(id)}>
        {retry.isPending ? "Sending…" : "Run again"}
      </Button>
      {retry.isError && (
        <span className="text-xs text-red-700" role="alert">
          {retry.error.message}
        </span>
      )}
    </span>
  );
}

/** Attempts as rows; each opens in full and can be run again. */
export function AttemptTable({
  attempts,
  showEvent = true,
  canRetry = true,
}: {
  attempts: ReplaySummary[];
  showEvent?: boolean;
  canRetry?: boolean;
}) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <TableHead
          columns={[
            "When",
            ...(showEvent ? ["Delivery"] : []),
            "Target",
            "Mode",
            "Outcome",
            "Time",
            ...(canRetry ? [{ label: "Run again", hidden: true }] : []),
          ]}
        />
        <tbody>
          {attempts.map((attempt) => (
            <tr key={attempt.id} className="border-b border-slate-100" data-testid="replay-row">
              <td className="py-2 pr-3 whitespace-nowrap">
                <Link href={`/replays/${attempt.id}`} className="text-indigo-700 hover:underline">
                  <Time iso={attempt.created_at} />
                </Link>
              </td>
              {showEvent && (
                <td className="py-2 pr-3">
                  <Link
                    href={`/events/${attempt.event_id}`}
                    className="hover:underline"
                  >{`#${attempt.event_id}`}</Link>
                </td>
              )}
              <td className="max-w-xs truncate py-2 pr-3 font-mono text-xs" title={attempt.url}>
                {attempt.url}
              </td>
              <td className="py-2 pr-3 text-xs">{attempt.mode}</td>
              <td className="py-2 pr-3">
                <ReplayStatus attempt={attempt} />
              </td>
              <td className="py-2 pr-3 text-xs whitespace-nowrap text-slate-500">
                {formatDuration(attempt.duration_ms)}
              </td>
              {canRetry && (
                <td className="py-2">
                  {attempt.error_code !== "skipped" && <RunAgain id={attempt.id} />}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
