import type { HTMLAttributes, ReactNode } from "react";

/** The white box every panel sits in. */
export function Card({
  className = "",
  padded = true,
  ...props
}: HTMLAttributes<HTMLElement> & { padded?: boolean; as?: never }) {
  return (
    <section
      className={`rounded-lg border border-slate-200 bg-white ${padded ? "p-4" : ""} ${className}`}
      {...props}
    />
  );
}

/** A card with a heading and actions on its right. */
export function TitledCard({
  title,
  actions,
  children,
  ...props
}: Omit<HTMLAttributes<HTMLElement>, "title"> & {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card aria-label={typeof title === "string" ? title : undefined} {...props}>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-700">{title}</h2>
        {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
      </div>
      {children}
    </Card>
  );
}
