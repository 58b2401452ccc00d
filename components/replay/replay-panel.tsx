"use client";
import { useState } from "react";
import type { DeliveryDetail } from "@/lib/events/delivery-types";
import type { ReplayView } from "@/lib/query/replays";
import { AttemptView } from "./attempt-view";
import { ReplayForm } from "./replay-form";
import { ReplayHistory } from "./replay-history";

/** The delivery view's replay section: send it somewhere, see the answer, see the history. */
export function ReplayPanel({ delivery }: { delivery: DeliveryDetail }) {
  const [latest, setLatest] = useState<ReplayView | null>(null);
  return (
    <section id="replay" aria-labelledby="replay-heading" className="space-y-4">
      <h2 id="replay-heading" className="text-sm font-semibold text-slate-700">
        Replay
      </h2>
      <ReplayForm delivery={delivery} onSent={setLatest} />
      {latest && (
        <div className="rounded border border-indigo-100 bg-indigo-50/40 p-3">
          <h3 className="mb-2 text-xs font-semibold text-slate-600 uppercase">Latest attempt</h3>
          <AttemptView attempt={latest} />
        </div>
      )}
      <div>
        <h3 className="mb-2 text-xs font-semibold text-slate-600 uppercase">History</h3>
        <ReplayHistory deliveryId={delivery.id} />
      </div>
    </section>
  );
}
