import { formatReplayError } from "../replay/replay-error";
import type { SendOutcome } from "../replay/send-request";
import type { JobFinish, JobRow } from "../db/queries/forwarding";
import { forwardSettings } from "./forward-settings";
import { judgeAttempt, type Verdict } from "./retry-policy";

const RESPONSE_KEPT = 1024;

/** What a send's outcome means for its job: the verdict, the error to keep, and the
 *  first KiB of the answer. */
export function judgeOutcome(job: JobRow, outcome: SendOutcome, now: number) {
  const settings = forwardSettings();
  const verdict = judgeAttempt({
    result: { ...outcome, errorCode: outcome.error?.code ?? null },
    attempts: job.attempts,
    queuedAt: job.queued_at,
    now,
    retryMs: settings.retryMs,
    maxAgeMs: settings.maxAgeMs,
  });
  const error = outcome.error
    ? formatReplayError(outcome.error)
    : verdict.outcome === "delivered"
      ? null
      : `answered ${outcome.status}`;
  const response = outcome.responseBody
    ? outcome.responseBody.subarray(0, RESPONSE_KEPT).toString("utf8")
    : null;
  return { verdict, error, response };
}

/** The attempt's row and the job's next state, as `finish` writes them. */
export function jobFinish(
  job: JobRow,
  verdict: Verdict,
  answer: { status: number | null; error: string | null; durationMs: number },
  response: string | null,
  now: number,
): JobFinish {
  return {
    jobId: job.id,
    ruleId: job.rule_id,
    orderKey: job.order_key,
    deliveryId: job.delivery_id,
    state:
      verdict.outcome === "retry" ? "pending" : verdict.outcome === "dead" ? "dead" : "delivered",
    nextAttemptAt: verdict.outcome === "retry" ? verdict.at : null,
    status: answer.status,
    error: verdict.outcome === "dead" && answer.error === null ? verdict.reason : answer.error,
    durationMs: answer.durationMs,
    outcome: verdict.outcome,
    response,
    now,
  };
}
