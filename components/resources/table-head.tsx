/** A list table's header row; the last column has no right padding, `right` columns align right. */
export function TableHead({ columns, right = [] }: { columns: string[]; right?: string[] }) {
  return (
    <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
      <tr>
        {columns.map((column, i) => (
          <th
            key={column}
            className={`py-2 font-medium ${i < columns.length - 1 ? "pr-3" : ""} ${right.includes(column) ? "text-right" : ""}`}
          >
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
