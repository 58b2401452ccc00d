"use client";
import { useState } from "react";
import { ErrorView } from "@/components/ui/state-views";
import { usePublicUrlQuery, useSetPublicUrlMutation } from "@/lib/query/endpoints";
import { inputClass } from "./form-field";
import { Button } from "@/components/ui/button";

const SOURCE_TEXT = {
  env: "set by HOOKLENS_PUBLIC_URL",
  setting: "set here",
  request: "the address this browser used",
} as const;

/**
 * The base receiver URLs are built on. Behind a proxy the platform reaches Hooklens by
 * another name than the browser does; the operator can store that name here (the
 * environment variable, when set, wins).
 */
export function PublicUrlField() {
  const publicUrl = usePublicUrlQuery();
  const save = useSetPublicUrlMutation();
  const [draft, setDraft] = useState<string | null>(null);
  // Not QueryState: its loading line is a small inline note, not the Loading status block.
  if (publicUrl.isPending)
    return <p className="text-xs text-slate-500">Loading the public base URL…</p>;
  if (publicUrl.isError) return <ErrorView error={publicUrl.error} />;
  const { public_url: current, source } = publicUrl.data;
  if (draft === null) {
    return (
      <p className="text-xs text-slate-600" data-testid="public-url">
        Public base URL <code className="font-mono">{current}</code> ({SOURCE_TEXT[source]}).{" "}
        {source !== "env" && (
          <Button variant="link" onClick={() => setDraft(current)}>
            Change
          </Button>
        )}
      </p>
    );
  }
  const submit = (value: string | null) => save.mutate(value, { onSuccess: () => setDraft(null) });
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <input
          aria-label="Public base URL"
          className={`${inputClass} font-mono`}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <Button variant="primary" size="xs" onClick={() => submit(draft)}>
          Save
        </Button>
        {source === "setting" && (
          <Button size="xs" onClick={() => submit(null)}>
            Reset
          </Button>
        )}
        <Button variant="ghost" size="xs" onClick={() => setDraft(null)}>
          Cancel
        </Button>
      </div>
      {save.isError && (
        <p role="alert" className="text-xs text-red-700">
          {save.error.message}
        </p>
      )}
    </div>
  );
}
