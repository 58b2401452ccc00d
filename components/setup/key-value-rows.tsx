"use client";
import { newRow, type FormErrors, type KeyValueRow } from "@/lib/setup/robot-form";
import { inputClass } from "./form-field";
import { Button } from "@/components/ui/button";

/** Editable key/value rows (robot header or body); a value can be typed as raw JSON. */
export function KeyValueRows(props: {
  section: "header" | "body";
  label: string;
  hint: string;
  rows: KeyValueRow[];
  errors: FormErrors;
  onChange: (rows: KeyValueRow[]) => void;
}) {
  const { section, rows, errors, onChange } = props;
  const update = (id: string, patch: Partial<KeyValueRow>) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  return (
    <fieldset className="space-y-2" data-testid={`${section}-rows`}>
      <legend className="text-sm font-medium text-slate-700">{props.label}</legend>
      <p className="text-xs text-slate-500">{props.hint}</p>
      {rows.map((row, index) => {
        const error = errors[`${section}.${row.id}`];
        return (
          <div key={row.id} className="space-y-1">
            <div className="flex items-center gap-2">
              <input
                aria-label={`${section} ${index + 1} name`}
                aria-invalid={error ? true : undefined}
                className={`${inputClass} max-w-56 font-mono`}
                placeholder="name"
                value={row.key}
                onChange={(e) => update(row.id, { key: e.target.value })}
              />
              <input
                aria-label={`${section} ${index + 1} value`}
                aria-invalid={error ? true : undefined}
                className={`${inputClass} font-mono`}
                placeholder={row.json ? 'JSON value, e.g. 3 or {"a":1}' : "value"}
                value={row.value}
                onChange={(e) => update(row.id, { value: e.target.value })}
              />
              <label className="flex shrink-0 items-center gap-1 text-xs text-slate-600">
                <input
                  type="checkbox"
                  checked={row.json}
                  onChange={(e) => update(row.id, { json: e.target.checked })}
                />
                JSON
              </label>
              <Button
                variant="ghost"
                aria-label={`Remove ${section} ${index + 1}`}
                onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
              >
                ×
              </Button>
            </div>
            {error && (
              <p role="alert" className="text-xs text-red-700">
                {row.key ? `${row.key}: ` : ""}
                {error}
              </p>
            )}
          </div>
        );
      })}
      <Button size="xs" className="border-dashed" onClick={() => onChange([...rows, newRow()])}>
        Add {section === "header" ? "header" : "body key"}
      </Button>
    </fieldset>
  );
}
