"use client";
import Link from "next/link";
import { MissingView } from "@/components/ui/missing-view";
import { Loading } from "@/components/ui/state-views";
import { useReplayQuery } from "@/lib/query/replays";
import { RunAgain } from "./attempt-table";
import { AttemptView } from "./attempt-view";
import { Card } from "@/components/ui/card";

/** The /replays/{id} page: one attempt in full. */
export function AttemptDetail({ id }: { id: number }) {
  const attempt = useReplayQuery(id);
  if (attempt.isPending) return <Loading what="Loading replay" />;
  if (attempt.isError)
    return (
      <MissingView
        title={`Replay #${id}`}
        error={attempt.error}
        gone={`No replay #${id} is kept here: it may have been deleted with its delivery.`}
        links={[["/replays", "Back to replays"]]}
      />
    );
  return (
    <div className="space-y-4">
      <Link href="/replays" className="text-sm text-slate-500 hover:underline">
        ← Replays
      </Link>
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">{`Replay #${attempt.data.id}`}</h1>
        {attempt.data.error_code !== "skipped" && <RunAgain id={attempt.data.id} />}
      </div>
      <Card>
        <AttemptView attempt={attempt.data} showEvent />
      </Card>
    </div>
  );
}
