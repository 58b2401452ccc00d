import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { ForwardRuleView } from "@/lib/query/forwards";

const HEALTH_COLOR = {
  healthy: "green",
  idle: "slate",
  failing: "amber",
  down: "red",
  paused: "blue",
  disabled: "slate",
} as const;

export function HealthBadge({ rule }: { rule: ForwardRuleView }) {
  return (
    <span data-testid="rule-health">
      <Badge color={HEALTH_COLOR[rule.health]} title={rule.last_error ?? undefined}>
        {rule.health}
      </Badge>
    </span>
  );
}

/** pending · failed (retrying) · delivered · dead, each labelled for tests and readers. */
export function RuleCounts({ rule }: { rule: ForwardRuleView }) {
  const { counts } = rule;
  const item = (name: keyof typeof counts, label: string, tone: string) => (
    <span data-testid={`count-${name}`} className={counts[name] > 0 ? tone : "text-slate-400"}>
      {`${counts[name].toLocaleString()} ${label}`}
    </span>
  );
  return (
    <span className="flex flex-wrap gap-x-3 text-xs tabular-nums">
      {item("pending", "pending", "text-slate-700")}
      {item("failed", "retrying", "text-amber-700")}
      {item("delivered", "delivered", "text-emerald-700")}
      {item("dead", "dead", "text-red-700")}
    </span>
  );
}

/** A rule whose target keeps failing says so loudly, above everything else. */
export function DownBanner({ rules }: { rules: ForwardRuleView[] }) {
  const down = rules.filter((rule) => rule.health === "down");
  if (down.length === 0) return null;
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      {down.map((rule) => (
        <p key={rule.id}>
          <strong>{rule.name}</strong>
          {" has been failing since "}
          {rule.failing_since && <Time iso={rule.failing_since} />}
          {`: ${rule.last_error ?? "unknown error"}. Deliveries are kept and retried.`}
        </p>
      ))}
    </div>
  );
}
