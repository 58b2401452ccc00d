import type { ReactNode } from "react";

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="py-6 text-sm text-slate-500" role="status">
      {what}…
    </p>
  );
}

export function ErrorView({ error }: { error: Error }) {
  return (
    <p className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800" role="alert">
      {error.message}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="rounded border border-dashed border-slate-300 p-6 text-sm text-slate-600">
      {children}
    </div>
  );
}
