import type { ReactNode } from "react";

const tone = {
  red: "bg-red-100 text-red-800",
  green: "bg-emerald-100 text-emerald-800",
  amber: "bg-amber-100 text-amber-800",
  slate: "bg-slate-100 text-slate-700",
  blue: "bg-blue-100 text-blue-800",
  indigo: "bg-indigo-100 text-indigo-800",
} as const;

export type BadgeColor = keyof typeof tone;

export function Badge({
  children,
  color = "slate",
  title,
}: {
  children: ReactNode;
  color?: BadgeColor;
  title?: string;
}) {
  return (
    <span
      title={title}
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${tone[color]}`}
    >
      {children}
    </span>
  );
}
