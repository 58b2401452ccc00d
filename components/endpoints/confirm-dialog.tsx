"use client";
import { useEffect, useRef, type ReactNode } from "react";

/** A modal question with a destructive or plain confirm button; Escape cancels. */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { onCancel } = props;
  useEffect(() => {
    cancelRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onCancel();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onCancel]);
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/50 p-4">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        className="w-full max-w-md space-y-3 rounded-lg bg-white p-5 shadow-xl"
      >
        <h2 id="confirm-title" className="text-base font-semibold">
          {props.title}
        </h2>
        <div className="text-sm text-slate-700">{props.children}</div>
        {props.error && (
          <p role="alert" className="text-sm text-red-700">
            {props.error}
          </p>
        )}
        <div className="flex justify-end gap-2 pt-2">
          <button
            ref={cancelRef}
            type="button"
            className="rounded border border-slate-300 px-3 py-1.5 text-sm"
            onClick={props.onCancel}
          >
            Cancel
          </button>
          <button
            type="button"
            disabled={props.busy}
            className={`text-on-accent rounded px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${props.destructive ? "bg-red-600" : "bg-indigo-600"}`}
            onClick={props.onConfirm}
          >
            {props.busy ? "Working…" : props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
