"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { MissingView } from "@/components/ui/missing-view";
import { QueryState } from "@/components/ui/query-state";
import { Time } from "@/components/ui/time";
import {
  useForwardRuleQuery,
  useForwardRulesLive,
  useRuleActionMutation,
  type ForwardRuleView,
} from "@/lib/query/forwards";
import { DeadLetters, RuleAttempts } from "./rule-activity";
import { RuleForm } from "./rule-form";
import { DownBanner, HealthBadge, RuleCounts } from "./rule-status";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";

function RuleHeader({ rule, onEdit }: { rule: ForwardRuleView; onEdit: () => void }) {
  const router = useRouter();
  const action = useRuleActionMutation(rule.id);
  const remove = () => {
    if (!window.confirm(`Delete the rule "${rule.name}" and its queue?`)) return;
    action.mutate({ action: "delete" }, { onSuccess: () => router.push("/forwards") });
  };
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/forwards" className="text-sm text-slate-500 hover:underline">
          ← Forwarding
        </Link>
        <h1 className="text-xl font-semibold">{rule.name}</h1>
        <HealthBadge rule={rule} />
        <div className="ml-auto flex gap-2">
          <Button onClick={() => action.mutate({ action: rule.paused ? "resume" : "pause" })}>
            {rule.paused ? "Resume" : "Pause"}
          </Button>
          <Button onClick={onEdit}>Edit</Button>
          <Button variant="danger-outline" onClick={remove}>
            Delete
          </Button>
        </div>
      </div>
      <p className="font-mono text-xs text-slate-600">{`${rule.mode} → ${rule.url}`}</p>
      <RuleCounts rule={rule} />
      <p className="text-xs text-slate-500">
        {`Median latency ${rule.median_latency_ms === null ? "–" : `${rule.median_latency_ms} ms`}`}
        {rule.last_error && (
          <>
            {` · last error ${rule.last_error}`}
            {rule.last_error_at && (
              <>
                {" ("}
                <Time iso={rule.last_error_at} />
                {")"}
              </>
            )}
          </>
        )}
      </p>
      <DownBanner rules={[rule]} />
    </div>
  );
}

export function RuleDetail({ id }: { id: number }) {
  const rule = useForwardRuleQuery(id);
  const [editing, setEditing] = useState(false);
  useForwardRulesLive();
  return (
    <QueryState
      query={rule}
      pending="Loading rule"
      error={(error) => (
        <MissingView
          title={`Forwarding rule #${id}`}
          error={error}
          gone={`No forwarding rule #${id}: it may have been deleted.`}
          links={[["/forwards", "Back to forwarding"]]}
        />
      )}
    >
      {(loaded) => (
        <div className="space-y-6">
          <RuleHeader rule={loaded} onEdit={() => setEditing((open) => !open)} />
          {editing && (
            <Card>
              <RuleForm rule={loaded} onDone={() => setEditing(false)} />
            </Card>
          )}
          <Card className="space-y-2">
            <h2 className="text-sm font-semibold text-slate-700">Dead letters</h2>
            <DeadLetters ruleId={id} />
          </Card>
          <Card className="space-y-2">
            <h2 className="text-sm font-semibold text-slate-700">Attempts</h2>
            <RuleAttempts ruleId={id} />
          </Card>
        </div>
      )}
    </QueryState>
  );
}
