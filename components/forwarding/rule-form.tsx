"use client";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import type { FeedFilters } from "@/lib/events/feed-search-params";
import {
  CHAT_KINDS,
  DEFAULT_TEMPLATES,
  TEMPLATE_FIELDS,
  type ChatKind,
} from "@/lib/forwarding/chat-message";
import type { ForwardMode } from "@/lib/forwarding/forward-types";
import { useEndpointsQuery } from "@/lib/query/endpoints";
import { useDryRunMutation, useSaveRuleMutation, type ForwardRuleView } from "@/lib/query/forwards";
import { DryRunResultView } from "./dry-run-result";
import { RuleFilterFields } from "./rule-filter-fields";
import { Button } from "@/components/ui/button";

const input = "mt-0.5 block w-full rounded border border-slate-300 px-2 py-1 text-sm";
const label = "block text-xs font-medium text-slate-600";

/** A labelled select whose choice is handed on as the option's value. */
function SelectField({
  label: title,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string;
  onChange: (choice: string) => void;
  children: ReactNode;
}) {
  return (
    <label className={label}>
      {title}
      <select className={input} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </label>
  );
}

function headerLines(text: string): Array<[string, string]> {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(":");
      return at > 0 ? [line.slice(0, at).trim(), line.slice(at + 1).trim()] : [line, ""];
    });
}

/** Create or edit a rule; a dry run shows which recent deliveries it would have passed on. */
export function RuleForm({ rule, onDone }: { rule?: ForwardRuleView; onDone?: () => void }) {
  const router = useRouter();
  const endpoints = useEndpointsQuery();
  const save = useSaveRuleMutation(rule?.id ?? null);
  const dryRun = useDryRunMutation();
  const [name, setName] = useState(rule?.name ?? "");
  const [url, setUrl] = useState(rule?.url ?? "");
  const [mode, setMode] = useState<ForwardMode>(rule?.mode ?? "exact");
  const [endpointId, setEndpointId] = useState(rule?.endpoint_id ?? "");
  const [chat, setChat] = useState<ChatKind>(rule?.chat ?? "slack");
  const [template, setTemplate] = useState(rule?.template ?? "");
  const [headers, setHeaders] = useState(
    (rule?.headers ?? []).map(([key, value]) => `${key}: ${value}`).join("\n"),
  );
  const [filter, setFilter] = useState<FeedFilters>(rule?.filter ?? {});

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        name,
        url,
        mode,
        filter: filter,
        endpoint_id: mode === "endpoint" ? endpointId || null : null,
        chat: mode === "message" ? chat : null,
        template: mode === "message" && template.trim() ? template : null,
        headers: headerLines(headers),
      },
      {
        onSuccess: (saved) => {
          if (onDone) onDone();
          else router.push(`/forwards/${saved.id}`);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} className="space-y-3" aria-label={rule ? "Edit rule" : "New rule"}>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <label className={label}>
          Name
          <input
            className={input}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
        </label>
        <label className={`${label} sm:col-span-2`}>
          Target URL
          <input
            className={`${input} font-mono`}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://cmdb.example.com/hooks/cloudpods"
            required
          />
        </label>
        <SelectField
          label="Mode"
          value={mode}
          onChange={(choice) => setMode(choice as ForwardMode)}
        >
          <option value="exact">exact: the stored bytes and headers</option>
          <option value="endpoint">endpoint: re-rendered and signed for an endpoint</option>
          <option value="message">message: a chat text</option>
        </SelectField>
        {mode === "endpoint" && (
          <SelectField
            label="Endpoint whose robot settings to use"
            value={endpointId}
            onChange={setEndpointId}
          >
            <option value="">Choose…</option>
            {(endpoints.data?.data ?? []).map((endpoint) => (
              <option key={endpoint.id} value={endpoint.id}>
                {endpoint.name}
              </option>
            ))}
          </SelectField>
        )}
        {mode === "message" && (
          <SelectField label="Chat" value={chat} onChange={(choice) => setChat(choice as ChatKind)}>
            {CHAT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {mode === "message" && (
        <label className={label}>
          {`Template (empty: the default; fields ${TEMPLATE_FIELDS.map((f) => `{{${f}}}`).join(" ")})`}
          <textarea
            className={`${input} font-mono`}
            rows={3}
            value={template}
            placeholder={DEFAULT_TEMPLATES[chat]}
            onChange={(e) => setTemplate(e.target.value)}
          />
        </label>
      )}
      <RuleFilterFields value={filter} onChange={setFilter} />
      <label className={label}>
        Extra headers (one “Name: value” a line)
        <textarea
          className={`${input} font-mono`}
          rows={2}
          value={headers}
          onChange={(e) => setHeaders(e.target.value)}
        />
      </label>
      {save.isError && (
        <p role="alert" className="text-sm text-red-700">
          {save.error.message}
        </p>
      )}
      <div className="flex gap-2">
        <Button variant="primary" type="submit" disabled={save.isPending}>
          {rule ? "Save rule" : "Create rule"}
        </Button>
        <Button onClick={() => dryRun.mutate(filter)}>Dry run</Button>
      </div>
      {dryRun.isError && <p className="text-sm text-red-700">{dryRun.error.message}</p>}
      {dryRun.data && <DryRunResultView result={dryRun.data} />}
    </form>
  );
}
