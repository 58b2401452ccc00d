import Link from "next/link";
import { ReleaseBadge } from "@/components/events/release-badge";
import type { EndpointRelease as EndpointReleaseView } from "@/lib/endpoints/endpoint-problems";

/**
 * The release the endpoint's platform appears to run, what follows from it, and the
 * problems its recent deliveries show (a redirected GET, unsigned verifications, a robot
 * body overriding event fields, ...), each with its fix and its newest delivery.
 */
export function EndpointRelease({ summary }: { summary: EndpointReleaseView }) {
  if (!summary.release && summary.problems.length === 0) return null;
  return (
    <div className="max-w-prose space-y-1 text-xs" data-testid="endpoint-release">
      {summary.release && (
        <div className="space-y-1">
          <ReleaseBadge release={summary.release} testId="endpoint-release-badge" />
          <ul className="list-disc pl-5 text-slate-600" data-testid="endpoint-release-notes">
            {summary.release_notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
      {summary.problems.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-amber-800" data-testid="endpoint-problems">
          {summary.problems.map((problem) => (
            <li key={problem.code} data-code={problem.code}>
              {problem.message}{" "}
              <Link href={`/events/${problem.latest_id}`} className="text-indigo-700 underline">
                {`${problem.count}× recently, newest #${problem.latest_id}`}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
