"use client";
import { JsonTree } from "@/components/ui/json-tree";
import { QueryState } from "@/components/ui/query-state";
import { useResourceStateQuery } from "@/lib/resources/resource-queries";
import { Button } from "@/components/ui/button";

/** The whole resource as one step shows it; for a delete, also the bare row it carried. */
export function StatePanel({
  type,
  id,
  at,
  label,
  onClose,
}: {
  type: string;
  id: string;
  at: number;
  label: string;
  onClose: () => void;
}) {
  const state = useResourceStateQuery({ type, id, at });
  // A delete's bare row is laid over the state before it: then both are worth seeing.
  const snapshot = state.data?.snapshot ?? null;
  const bareRow =
    snapshot !== null && JSON.stringify(snapshot) !== JSON.stringify(state.data?.state);
  return (
    <section
      className="space-y-2 rounded-lg border border-slate-300 bg-white p-4"
      data-testid="state-panel"
    >
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold">{`Full state at ${label}`}</h2>
        <Button variant="muted" className="text-sm" onClick={onClose}>
          Close
        </Button>
      </div>
      <QueryState query={state} pending="Loading state">
        {(data) =>
          data.state === null ? (
            <p className="text-sm text-slate-500">No resource_details known at this step.</p>
          ) : (
            <>
              <JsonTree value={data.state} />
              {bareRow && (
                <details className="text-sm">
                  <summary className="cursor-pointer text-slate-600">
                    What this delivery itself carried
                  </summary>
                  <JsonTree value={data.snapshot} />
                </details>
              )}
            </>
          )
        }
      </QueryState>
    </section>
  );
}
