import { Badge } from "@/components/events/badges";
import type { ReplaySummary } from "@/lib/replay/replay-view";

const ERROR_LABELS: Record<string, string> = {
  blocked: "refused by the outbound guard",
  dns: "DNS failure",
  refused: "connection refused",
  unreachable: "host unreachable",
  reset: "connection reset",
  tls: "TLS error",
  timeout: "timed out",
  cancelled: "cancelled",
  decode: "answer not decodable",
  skipped: "skipped",
  network: "network error",
};

/** The outcome of one attempt: the target's status, or why there was none. */
export function ReplayStatus({
  attempt,
}: {
  attempt: Pick<ReplaySummary, "status" | "error_code" | "error">;
}) {
  if (attempt.status === null) {
    return (
      <Badge color="red" title={attempt.error ?? undefined}>
        {ERROR_LABELS[attempt.error_code ?? "network"] ?? "no answer"}
      </Badge>
    );
  }
  const status = attempt.status;
  if (status >= 300 && status < 400) {
    return (
      <Badge
        color="amber"
        title="Redirects are not followed, like the platform"
      >{`${status} redirect not followed`}</Badge>
    );
  }
  return <Badge color={status < 300 ? "green" : "red"}>{String(status)}</Badge>;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`;
}
