"use client";
import { useState } from "react";
import { ErrorView } from "@/components/ui/state-views";
import { parseNoiseFields } from "@/lib/diff/noise-fields";
import { useNoiseFieldsQuery, useSaveNoiseFieldsMutation } from "@/lib/resources/resource-queries";
import { Button } from "@/components/ui/button";

/** The noise-field patterns every diff folds, edited in place (one a line). */
export function NoiseFieldsEditor() {
  const query = useNoiseFieldsQuery();
  const save = useSaveNoiseFieldsMutation();
  const [draft, setDraft] = useState<string | null>(null);
  // Not QueryState: this editor stays hidden (no Loading line) until its patterns arrive.
  if (!query.data) return query.isError ? <ErrorView error={query.error} /> : null;
  const text = draft ?? query.data.noise_fields.join("\n");
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <summary className="cursor-pointer text-slate-600">{`Noise fields (${query.data.noise_fields.length}), folded in every diff`}</summary>
      <p className="mt-2 text-xs text-slate-500">
        One pattern a line. A name folds that key at any depth; <code>*</code> matches any run of
        characters (<code>last_*</code>); a dotted path starts at the top (
        <code>metadata.sys:*</code>).
      </p>
      <textarea
        aria-label="Noise field patterns"
        className="mt-2 h-32 w-full rounded border border-slate-300 p-2 font-mono text-xs"
        value={text}
        onChange={(event) => setDraft(event.target.value)}
      />
      <div className="mt-2 flex gap-2">
        <Button
          variant="primary"
          disabled={save.isPending}
          onClick={() => save.mutate(parseNoiseFields(text), { onSuccess: () => setDraft(null) })}
        >
          {save.isPending ? "Saving…" : "Save"}
        </Button>
        <Button onClick={() => setDraft(query.data.defaults.join("\n"))}>Reset to defaults</Button>
      </div>
      {save.isError && <ErrorView error={save.error} />}
    </details>
  );
}
