"use client";
import { useState } from "react";
import type { EndpointView } from "@/lib/endpoints/endpoint-view";
import type { OverviewParams, RangeName } from "@/lib/stats/overview-params";
import type { GroupBy } from "@/lib/stats/stats-query";
import { Button } from "@/components/ui/button";

const RANGE_LABELS: Record<RangeName, string> = {
  "1h": "Last hour",
  "24h": "24 h",
  "7d": "7 days",
};
const GROUP_LABELS: Record<GroupBy, string> = {
  action: "Action",
  resource_type: "Resource type",
  result: "Result",
  kind: "Kind",
  signature: "Signature",
  endpoint: "Endpoint",
};

/** ISO time as a datetime-local value in the browser's zone, and back. */
const toLocalInput = (ms: number) =>
  new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const fromLocalInput = (value: string) =>
  value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined;

export function RangePicker({
  params,
  onChange,
}: {
  params: OverviewParams;
  onChange: (next: Partial<OverviewParams>) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [since, setSince] = useState(() =>
    toLocalInput(params.since ? Date.parse(params.since) : Date.now() - 86_400_000),
  );
  const [until, setUntil] = useState(() =>
    toLocalInput(params.until ? Date.parse(params.until) : Date.now()),
  );
  const custom = params.range === "custom";
  return (
    <div className="flex flex-wrap items-center gap-1" role="group" aria-label="Time range">
      {(Object.keys(RANGE_LABELS) as RangeName[]).map((range) => (
        <Button
          key={range}
          variant={params.range === range ? "primary" : "ghost"}
          aria-pressed={params.range === range}
          onClick={() => {
            setEditing(false);
            onChange({ range, since: undefined, until: undefined });
          }}
        >
          {RANGE_LABELS[range]}
        </Button>
      ))}
      <Button
        variant={custom ? "primary" : "ghost"}
        aria-pressed={custom}
        aria-expanded={editing}
        onClick={() => setEditing(!editing)}
      >
        Custom
      </Button>
      {editing && (
        <form
          className="flex flex-wrap items-center gap-1 text-sm"
          onSubmit={(event) => {
            event.preventDefault();
            const from = fromLocalInput(since);
            if (!from) return;
            setEditing(false);
            onChange({ range: "custom", since: from, until: fromLocalInput(until) });
          }}
        >
          <input
            type="datetime-local"
            aria-label="Since"
            required
            value={since}
            onChange={(e) => setSince(e.target.value)}
            className="rounded border border-slate-300 px-2 py-0.5"
          />
          <span>to</span>
          <input
            type="datetime-local"
            aria-label="Until"
            value={until}
            onChange={(e) => setUntil(e.target.value)}
            className="rounded border border-slate-300 px-2 py-0.5"
          />
          <Button type="submit" variant="primary" size="xs">
            Apply
          </Button>
        </form>
      )}
    </div>
  );
}

export function GroupPicker({
  value,
  withEndpoint,
  onChange,
}: {
  value: GroupBy;
  withEndpoint: boolean;
  onChange: (groupBy: GroupBy) => void;
}) {
  const groups = (Object.keys(GROUP_LABELS) as GroupBy[]).filter(
    (group) => group !== "endpoint" || withEndpoint || value === "endpoint",
  );
  return (
    <div className="flex flex-wrap items-center gap-1" role="group" aria-label="Split by">
      <span className="mr-1 text-xs text-slate-500">Split by</span>
      {groups.map((group) => (
        <Button
          key={group}
          variant={value === group ? "primary" : "ghost"}
          aria-pressed={value === group}
          onClick={() => onChange(group)}
        >
          {GROUP_LABELS[group]}
        </Button>
      ))}
    </div>
  );
}

export function EndpointPicker({
  endpoints,
  value,
  onChange,
}: {
  endpoints: EndpointView[];
  value: string | undefined;
  onChange: (endpoint: string | undefined) => void;
}) {
  return (
    <label className="flex min-w-0 items-center gap-1 text-sm text-slate-600">
      Endpoint
      {/* A select is as wide as its longest option: a long endpoint name must not widen a phone's page. */}
      <select
        aria-label="Endpoint"
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || undefined)}
        className="max-w-56 min-w-0 rounded border border-slate-300 bg-white px-2 py-1"
      >
        <option value="">All endpoints</option>
        {endpoints.map((endpoint) => (
          <option key={endpoint.id} value={endpoint.id}>
            {endpoint.name}
          </option>
        ))}
      </select>
    </label>
  );
}
