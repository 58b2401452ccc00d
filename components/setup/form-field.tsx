import type { ReactNode } from "react";

export const inputClass =
  "w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none aria-[invalid=true]:border-red-500";

/** A labelled control with its hint and its field error (announced to screen readers). */
export function FormField(props: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={props.id} className="block text-sm font-medium text-slate-700">
        {props.label}
      </label>
      {props.children}
      {props.error ? (
        <p id={`${props.id}-error`} role="alert" className="text-xs text-red-700">
          {props.error}
        </p>
      ) : props.hint ? (
        <p className="text-xs text-slate-500">{props.hint}</p>
      ) : null}
    </div>
  );
}
