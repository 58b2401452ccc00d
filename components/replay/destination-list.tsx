"use client";
import { QueryState } from "@/components/ui/query-state";
import { useDeleteDestinationMutation, useDestinationsQuery } from "@/lib/query/replays";
import { Button } from "@/components/ui/button";

/** Saved replay targets; new ones are saved from a replay form. */
export function DestinationList() {
  const destinations = useDestinationsQuery();
  const remove = useDeleteDestinationMutation();
  return (
    <QueryState
      query={destinations}
      pending="Loading destinations"
      isEmpty={(page) => page.data.length === 0}
      empty="No saved destination. Save one from a replay form."
    >
      {(page) => (
        <ul className="divide-y divide-slate-100 text-sm">
          {page.data.map((destination) => (
            <li key={destination.id} className="flex items-center gap-3 py-1.5">
              <span className="font-medium">{destination.name}</span>
              <span className="flex-1 truncate font-mono text-xs text-slate-600">
                {destination.url}
              </span>
              <Button
                size="xs"
                disabled={remove.isPending}
                onClick={() => remove.mutate(destination.id)}
              >
                Delete
              </Button>
            </li>
          ))}
        </ul>
      )}
    </QueryState>
  );
}
