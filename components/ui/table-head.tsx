/**
 * A list table's header row. A column is its label, or `{ label, hidden }` for a column
 * named only for screen readers; `right` columns align right.
 */
export type Column = string | { label: string; hidden?: boolean; className?: string };

export function TableHead({ columns, right = [] }: { columns: Column[]; right?: string[] }) {
  return (
    <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
      <tr>
        {columns.map((column, i) => {
          const { label, hidden, className } =
            typeof column === "string" ? { label: column, hidden: false, className: "" } : column;
          return (
            <th
              key={label}
              className={`py-2 font-medium whitespace-nowrap ${i < columns.length - 1 ? "pr-3" : ""} ${right.includes(label) ? "text-right" : ""} ${className ?? ""}`}
            >
              {hidden ? <span className="sr-only">{label}</span> : label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

/** The box a wide table scrolls sideways in, so that the page itself never does. */
export function TableScroll({ children }: { children: React.ReactNode }) {
  return <div className="-mx-1 overflow-x-auto px-1">{children}</div>;
}
