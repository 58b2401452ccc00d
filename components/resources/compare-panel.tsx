"use client";
import { useMemo, useState } from "react";
import { diffMarks, type DiffMarks } from "@/components/diff/diff-marks";
import { DiffList } from "@/components/diff/diff-list";
import { JsonTree } from "@/components/ui/json-tree";
import { QueryState } from "@/components/ui/query-state";
import { useResourceCompareQuery, useResourceStateQuery } from "@/lib/resources/resource-queries";
import { Button } from "@/components/ui/button";

type Side = { id: number; label: string };

function StateColumn({
  type,
  id,
  side,
  marks,
  hideEqual,
}: {
  type: string;
  id: string;
  side: Side;
  marks: DiffMarks | undefined;
  hideEqual: boolean;
}) {
  const state = useResourceStateQuery({ type, id, at: side.id });
  return (
    <div className="overflow-auto rounded border border-slate-200 bg-white p-2">
      <h3 className="mb-1 text-xs font-semibold text-slate-600">{side.label}</h3>
      <QueryState query={state}>
        {(data) => <JsonTree value={data.state} marks={marks} hideEqual={hideEqual} />}
      </QueryState>
    </div>
  );
}

/** Two steps side by side: the changes between them, and both full states on demand. */
export function ComparePanel({
  type,
  id,
  from,
  to,
  onClose,
}: {
  type: string;
  id: string;
  from: Side;
  to: Side;
  onClose: () => void;
}) {
  const compare = useResourceCompareQuery({ type, id, from: from.id, to: to.id });
  const [showStates, setShowStates] = useState(false);
  const [hideEqual, setHideEqual] = useState(false);
  const diff = compare.data?.diff;
  const marks = useMemo(
    () => diff && { from: diffMarks(diff, "from"), to: diffMarks(diff, "to") },
    [diff],
  );
  return (
    <section
      className="space-y-3 rounded-lg border border-indigo-200 bg-indigo-50/40 p-4"
      data-testid="compare-panel"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">{`Comparing ${from.label} with ${to.label}`}</h2>
        <div className="flex gap-3 text-sm">
          <Button variant="link" onClick={() => setShowStates(!showStates)}>
            {showStates ? "Hide full states" : "Show full states side by side"}
          </Button>
          <Button variant="muted" onClick={onClose}>
            Close
          </Button>
        </div>
      </div>
      <QueryState query={compare} pending="Comparing">
        {(data) => <DiffList entries={data.diff} />}
      </QueryState>
      {showStates && (
        <div className="space-y-2">
          <div className="flex flex-wrap items-center gap-3 text-xs text-slate-600">
            <label className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={hideEqual}
                onChange={(event) => setHideEqual(event.target.checked)}
              />
              Hide what is equal
            </label>
            <span className="rounded bg-amber-100 px-1">changed</span>
            <span className="rounded bg-emerald-100 px-1">added</span>
            <span className="rounded bg-red-100 px-1">removed</span>
          </div>
          <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
            <StateColumn
              type={type}
              id={id}
              side={from}
              marks={marks?.from}
              hideEqual={hideEqual}
            />
            <StateColumn type={type} id={id} side={to} marks={marks?.to} hideEqual={hideEqual} />
          </div>
        </div>
      )}
    </section>
  );
}
