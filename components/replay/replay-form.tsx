"use client";
import { useMemo, useState } from "react";
import type { DeliveryDetail } from "@/lib/events/delivery-types";
import { useEndpointsQuery } from "@/lib/query/endpoints";
import {
  useSendReplayMutation,
  type ReplayMode,
  type ReplayRequestInput,
  type ReplayView,
} from "@/lib/query/replays";
import { editableHeaders, formatHeaderText, parseHeaderText } from "@/lib/replay/header-text";
import { acceptsInput, replayInputSchema } from "@/lib/replay/replay-input";
import { RequestEditor } from "./request-editor";
import { TargetInput } from "./target-input";
import { Button } from "@/components/ui/button";

const MODES: Array<{ mode: ReplayMode; label: string; hint: string }> = [
  { mode: "exact", label: "Exact", hint: "the stored bytes and headers" },
  {
    mode: "endpoint",
    label: "As another endpoint",
    hint: "re-rendered with its robot settings and signed with its secret",
  },
  { mode: "edited", label: "Edited", hint: "change headers and body first" },
];

function EndpointSelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const endpoints = useEndpointsQuery();
  const items = endpoints.data?.data ?? [];
  return (
    <label className="block text-xs font-medium text-slate-600">
      Endpoint whose robot settings to use
      <select
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="mt-1 block rounded border border-slate-300 px-2 py-1 text-sm"
        required
      >
        <option value="">
          {endpoints.isPending
            ? "Loading…"
            : endpoints.isError
              ? "Could not load endpoints"
              : "Choose an endpoint…"}
        </option>
        {items.map((endpoint) => (
          <option key={endpoint.id} value={endpoint.id}>
            {`${endpoint.name}${endpoint.has_secret_key ? " (signed)" : ""}`}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Sends one delivery to a URL in a chosen mode; hands the recorded attempt to onSent. */
export function ReplayForm({
  delivery,
  onSent,
  modes = MODES.map((m) => m.mode),
}: {
  delivery: DeliveryDetail;
  onSent: (attempt: ReplayView) => void;
  modes?: ReplayMode[];
}) {
  const original = useMemo(
    () => ({ headers: editableHeaders(delivery.headers), body: delivery.body }),
    [delivery],
  );
  const [url, setUrl] = useState("");
  const [mode, setMode] = useState<ReplayMode>("exact");
  const [endpointId, setEndpointId] = useState("");
  const [headersText, setHeadersText] = useState(() => formatHeaderText(original.headers));
  const [body, setBody] = useState(delivery.body);
  const parsedHeaders = useMemo(() => parseHeaderText(headersText), [headersText]);
  const send = useSendReplayMutation(delivery.id);

  const input = ((): ReplayRequestInput | null => {
    const target = url.trim();
    if (mode === "endpoint") return { url: target, mode, endpoint_id: endpointId };
    if (mode === "edited")
      return parsedHeaders.ok ? { url: target, mode, headers: parsedHeaders.headers, body } : null;
    return { url: target, mode };
  })();
  // The API's own schema says what a mode needs (a target, an endpoint for endpoint mode).
  const ready = input !== null && acceptsInput(replayInputSchema, input);
  const submit = () => {
    if (input) send.mutate(input, { onSuccess: onSent });
  };

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) submit();
      }}
    >
      <TargetInput value={url} onChange={setUrl} />
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 text-xs font-medium text-slate-600">Mode</legend>
        {MODES.filter((m) => modes.includes(m.mode)).map((m) => (
          <label key={m.mode} className="flex items-center gap-1.5" title={m.hint}>
            <input
              type="radio"
              name="replay-mode"
              value={m.mode}
              checked={mode === m.mode}
              onChange={() => setMode(m.mode)}
            />
            {m.label}
            <span className="text-xs text-slate-500">({m.hint})</span>
          </label>
        ))}
      </fieldset>
      {mode === "endpoint" && <EndpointSelect value={endpointId} onChange={setEndpointId} />}
      {mode === "edited" && (
        <RequestEditor
          original={original}
          headersText={headersText}
          parsedHeaders={parsedHeaders}
          body={body}
          onHeadersText={setHeadersText}
          onBody={setBody}
        />
      )}
      <div className="flex items-center gap-3">
        <Button variant="primary" type="submit" disabled={!ready || send.isPending}>
          {send.isPending ? "Sending…" : "Send replay"}
        </Button>
        {send.isError && (
          <p className="text-sm text-red-700" role="alert">
            {send.error.message}
          </p>
        )}
      </div>
    </form>
  );
}
