"use client";
import Link from "next/link";
import { MissingView } from "@/components/ui/missing-view";
import { QueryState } from "@/components/ui/query-state";
import { useReplayQuery } from "@/lib/query/replays";
import { RunAgain } from "./attempt-table";
import { AttemptView } from "./attempt-view";
import { Card } from "@/components/ui/card";

/** The /replays/{id} page: one attempt in full. */
export function AttemptDetail({ id }: { id: number }) {
  const attempt = useReplayQuery(id);
  return (
    <QueryState
      query={attempt}
      pending="Loading replay"
      error={(error) => (
        <MissingView
          title={`Replay #${id}`}
          error={error}
          gone={`No replay #${id} is kept here: it may have been deleted with its delivery.`}
          links={[["/replays", "Back to replays"]]}
        />
      )}
    >
      {(loaded) => (
        <div className="space-y-4">
          <Link href="/replays" className="text-sm text-slate-500 hover:underline">
            ← Replays
          </Link>
          <div className="flex items-center gap-3">
            <h1 className="text-xl font-semibold">{`Replay #${loaded.id}`}</h1>
            {loaded.error_code !== "skipped" && <RunAgain id={loaded.id} />}
          </div>
          <Card>
            <AttemptView attempt={loaded} showEvent />
          </Card>
        </div>
      )}
    </QueryState>
  );
}
