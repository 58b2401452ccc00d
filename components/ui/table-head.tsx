/**
 * A list table's header row. A column is its label, or `{ label, hidden }` for a column
 * named only for screen readers; `right` columns align right. A table that may be wider
 * than a phone sits in a `relative overflow-x-auto` box: relative, so that the
 * screen-reader labels (absolutely positioned) scroll with it instead of widening the page.
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
