"use client";
import { MissingView } from "@/components/ui/missing-view";
import { PagedQueryState, QueryState } from "@/components/ui/query-state";
import {
  useBulkReplayQuery,
  useBulkReplayStream,
  useBulkResultsQuery,
  useCancelBulkMutation,
  type BulkView,
} from "@/lib/query/bulk-replays";
import { AttemptTable } from "./attempt-table";
import { BulkStateBadge, filterText } from "./bulk-list";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";

function Counters({ bulk }: { bulk: BulkView }) {
  const cancel = useCancelBulkMutation(bulk.id);
  const percent = bulk.total === 0 ? 100 : Math.round((bulk.sent / bulk.total) * 100);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span data-testid="bulk-state">
          <BulkStateBadge state={bulk.state} />
        </span>
        <span data-testid="bulk-counts">{`${bulk.sent} of ${bulk.total} sent · ${bulk.succeeded} succeeded · ${bulk.failed} failed`}</span>
        {bulk.state === "running" && (
          <Button
            variant="danger-outline"
            size="xs"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate()}
          >
            {cancel.isPending ? "Cancelling…" : "Cancel"}
          </Button>
        )}
        {cancel.isError && (
          <span className="text-xs text-red-700" role="alert">
            {cancel.error.message}
          </span>
        )}
      </div>
      <div
        className="h-2 overflow-hidden rounded bg-slate-100"
        role="progressbar"
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div className="h-full bg-indigo-500 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-slate-500">
        <span className="font-mono">{filterText(bulk.filter)}</span>
        {` → `}
        <span className="font-mono">{bulk.url}</span>
        {` · ${bulk.mode} · ${bulk.concurrency} at a time`}
      </p>
    </div>
  );
}

function Results({ id }: { id: number }) {
  const results = useBulkResultsQuery(id);
  return (
    <PagedQueryState query={results} pending="Loading results" empty="No result yet.">
      {(items) => (
        <div className="space-y-2" data-testid="bulk-results">
          <AttemptTable attempts={items} />
          {results.hasNextPage && (
            <Button onClick={() => void results.fetchNextPage()}>
              {results.isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          )}
        </div>
      )}
    </PagedQueryState>
  );
}

/** A bulk replay's live progress and its result for each delivery. */
export function BulkProgress({ id }: { id: number }) {
  const bulk = useBulkReplayQuery(id);
  const results = useBulkResultsQuery(id);
  useBulkReplayStream(id, { enabled: bulk.data?.state === "running" && results.isSuccess });
  return (
    <QueryState
      query={bulk}
      pending="Loading bulk replay"
      error={(error) => (
        <MissingView
          title={`Bulk replay #${id}`}
          error={error}
          gone={`No bulk replay #${id} is kept here.`}
          links={[
            ["/replays", "Back to replays"],
            ["/replays/bulk", "New bulk replay"],
          ]}
        />
      )}
    >
      {(loaded) => (
        <div className="space-y-4">
          <h1 className="text-xl font-semibold">{`Bulk replay #${id}`}</h1>
          <Card>
            <Counters bulk={loaded} />
          </Card>
          <Card>
            <h2 className="mb-2 text-sm font-semibold text-slate-700">
              Results, in the order they finished
            </h2>
            <Results id={id} />
          </Card>
        </div>
      )}
    </QueryState>
  );
}
