"use client";
import { useState } from "react";
import { ErrorView } from "@/components/ui/state-views";
import { usePublicUrlQuery, useSetPublicUrlMutation } from "@/lib/query/endpoints";
import { inputClass } from "./form-field";

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
  if (publicUrl.isPending)
    return <p className="text-xs text-slate-500">Loading the public base URL…</p>;
  if (publicUrl.isError) return <ErrorView error={publicUrl.error} />;
  const { public_url: current, source } = publicUrl.data;
  if (draft === null) {
    return (
      <p className="text-xs text-slate-600" data-testid="public-url">
        Public base URL <code className="font-mono">{current}</code> ({SOURCE_TEXT[source]}).{" "}
        {source !== "env" && (
          <button
            type="button"
            className="text-indigo-700 hover:underline"
            onClick={() => setDraft(current)}
          >
            Change
          </button>
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
        <button
          type="button"
          className="text-on-accent rounded bg-indigo-600 px-2 py-1 text-xs"
          onClick={() => submit(draft)}
        >
          Save
        </button>
        {source === "setting" && (
          <button
            type="button"
            className="rounded border px-2 py-1 text-xs"
            onClick={() => submit(null)}
          >
            Reset
          </button>
        )}
        <button
          type="button"
          className="rounded px-2 py-1 text-xs text-slate-600"
          onClick={() => setDraft(null)}
        >
          Cancel
        </button>
      </div>
      {save.isError && (
        <p role="alert" className="text-xs text-red-700">
          {save.error.message}
        </p>
      )}
    </div>
  );
}
