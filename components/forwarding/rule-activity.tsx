"use client";
import Link from "next/link";
import { PagedQueryState } from "@/components/ui/query-state";
import { Time } from "@/components/ui/time";
import { TableHead } from "@/components/ui/table-head";
import {
  useDeadForwardsQuery,
  useForwardAttemptsQuery,
  useRuleActionMutation,
} from "@/lib/query/forwards";
import { Button } from "@/components/ui/button";

/** A rule's attempts, newest first, a page at a time. */
export function RuleAttempts({ ruleId }: { ruleId: number }) {
  const attempts = useForwardAttemptsQuery(ruleId);
  return (
    <PagedQueryState query={attempts} pending="Loading attempts" empty="No attempts yet.">
      {(rows) => (
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="attempts">
            <TableHead columns={["When", "Delivery", "Answer", "Outcome", "Time"]} />
            <tbody>
              {rows.map((attempt) => (
                <tr key={attempt.id} className="border-t border-slate-100">
                  <td className="py-1 pr-3 text-xs">
                    <Time iso={attempt.created_at} />
                  </td>
                  <td className="py-1 pr-3">
                    <Link
                      href={`/events/${attempt.delivery_id}`}
                      className="text-indigo-700 hover:underline"
                    >
                      {`#${attempt.delivery_id}`}
                    </Link>
                  </td>
                  <td className="py-1 pr-3 font-mono text-xs">
                    {attempt.status ?? attempt.error ?? "–"}
                  </td>
                  <td className="py-1 pr-3 text-xs">{attempt.outcome}</td>
                  <td className="py-1 text-xs tabular-nums">{`${attempt.duration_ms} ms`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {attempts.hasNextPage && (
            <Button size="xs" className="mt-2" onClick={() => void attempts.fetchNextPage()}>
              Older attempts
            </Button>
          )}
        </div>
      )}
    </PagedQueryState>
  );
}

/** What ran out of retries or was refused, each retriable, or all at once. */
export function DeadLetters({ ruleId }: { ruleId: number }) {
  const dead = useDeadForwardsQuery(ruleId);
  const action = useRuleActionMutation(ruleId);
  return (
    <PagedQueryState query={dead} pending="Loading dead letters" empty="No dead letters.">
      {(rows) => (
        <div className="space-y-2" data-testid="dead-letters">
          <Button variant="primary" onClick={() => action.mutate({ action: "retry-dead" })}>
            Retry all
          </Button>
          <ul className="divide-y divide-slate-100 text-sm">
            {rows.map((job) => (
              <li key={job.id} className="flex items-center gap-3 py-1.5">
                <Link
                  href={`/events/${job.delivery_id}`}
                  className="text-indigo-700 hover:underline"
                >
                  {`#${job.delivery_id}`}
                </Link>
                <span className="font-mono text-xs text-red-800">{job.last_error ?? "–"}</span>
                <span className="text-xs text-slate-500">{`${job.attempts} attempts`}</span>
                <Button
                  size="xs"
                  className="ml-auto"
                  onClick={() => action.mutate({ action: "retry-dead", jobId: job.id })}
                >
                  Retry
                </Button>
              </li>
            ))}
          </ul>
          {dead.hasNextPage && (
            <Button size="xs" className="mt-2" onClick={() => void dead.fetchNextPage()}>
              More
            </Button>
          )}
        </div>
      )}
    </PagedQueryState>
  );
}
