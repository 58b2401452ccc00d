"use client";
import { useRef, useState } from "react";
import { QueryState } from "@/components/ui/query-state";
import { useDeliveryQuery } from "@/lib/query/deliveries";
import type { ReplayView } from "@/lib/query/replays";
import { AttemptView } from "./attempt-view";
import { ReplayForm } from "./replay-form";
import { Button } from "@/components/ui/button";

function QuickReplay({ deliveryId }: { deliveryId: number }) {
  const delivery = useDeliveryQuery(deliveryId);
  const [latest, setLatest] = useState<ReplayView | null>(null);
  return (
    <QueryState query={delivery} pending="Loading delivery">
      {(loaded) => (
        <div className="space-y-3">
          <ReplayForm delivery={loaded} onSent={setLatest} modes={["exact", "endpoint"]} />
          {latest && <AttemptView attempt={latest} />}
        </div>
      )}
    </QueryState>
  );
}

/** A feed row's "Replay" action: a dialog to send that delivery somewhere without leaving. */
export function ReplayRowAction({ deliveryId }: { deliveryId: number }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const close = () => {
    dialog.current?.close();
    setOpen(false);
  };
  return (
    <>
      <Button
        size="xs"
        onClick={(e) => {
          e.stopPropagation();
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        Replay
      </Button>
      <dialog
        ref={dialog}
        onClose={() => setOpen(false)}
        onClick={(e) => e.stopPropagation()}
        aria-label={`Replay delivery #${deliveryId}`}
        className="m-auto w-[min(56rem,95vw)] rounded-lg p-4 shadow-xl backdrop:bg-black/50"
      >
        <div className="mb-3 flex items-center justify-between">
          <h2 className="text-sm font-semibold">{`Replay delivery #${deliveryId}`}</h2>
          <Button variant="muted" className="text-sm" onClick={close} aria-label="Close">
            ✕
          </Button>
        </div>
        {open && <QuickReplay deliveryId={deliveryId} />}
      </dialog>
    </>
  );
}
