"use client";
import Link from "next/link";
import { useState } from "react";
import type { ApiDiffEntry } from "@/lib/resources/resource-types";
import { DiffValue } from "./diff-value";
import { formatPath } from "./format-path";
import { Button } from "@/components/ui/button";

const OP = {
  added: { mark: "+", tone: "text-emerald-700" },
  removed: { mark: "−", tone: "text-red-700" },
  changed: { mark: "~", tone: "text-amber-700" },
} as const;

function DiffRow({ entry, changesHref }: { entry: ApiDiffEntry; changesHref?: string }) {
  const path = formatPath(entry.path);
  const field = entry.path[0];
  return (
    <li
      className="flex flex-wrap items-baseline gap-x-2 gap-y-1 py-0.5 text-sm"
      data-testid="diff-entry"
      data-op={entry.op}
      data-path={path}
      data-noise={entry.noise}
    >
      <span className={`w-3 font-mono font-bold ${OP[entry.op].tone}`} title={entry.op}>
        {OP[entry.op].mark}
      </span>
      {changesHref && typeof field === "string" ? (
        <Link
          href={`${changesHref}&field=${encodeURIComponent(field)}`}
          className="font-mono text-xs text-slate-700 hover:underline"
          title="Where else did this field change?"
        >
          {path}
        </Link>
      ) : (
        <span className="font-mono text-xs text-slate-700">{path}</span>
      )}
      <span className="sr-only">{entry.op}</span>
      {entry.op !== "added" && <DiffValue value={entry.before} side="before" />}
      {entry.op === "changed" && <span className="text-slate-400">→</span>}
      {entry.op !== "removed" && <DiffValue value={entry.after} side="after" />}
    </li>
  );
}

/**
 * A diff as a list of changes, noise folded behind one line that names the folded
 * fields. `changesHref` (a /resources/changes URL with a query) links each path to the
 * search for the same field elsewhere.
 */
export function DiffList({
  entries,
  changesHref,
}: {
  entries: ApiDiffEntry[];
  changesHref?: string;
}) {
  const [showNoise, setShowNoise] = useState(false);
  const signal = entries.filter((entry) => !entry.noise);
  const noise = entries.filter((entry) => entry.noise);
  const shown = showNoise ? entries : signal;
  const noiseNames = [...new Set(noise.map((entry) => formatPath(entry.path)))].join(", ");
  return (
    <div data-testid="diff-list">
      {signal.length === 0 && (
        <p className="text-sm text-slate-500">
          {noise.length ? "Only bookkeeping fields changed." : "No changes."}
        </p>
      )}
      {shown.length > 0 && (
        <ul>
          {shown.map((entry, i) => (
            <DiffRow key={`${entry.op}-${i}`} entry={entry} changesHref={changesHref} />
          ))}
        </ul>
      )}
      {noise.length > 0 && (
        <Button
          variant="muted"
          className="mt-1 text-xs"
          onClick={() => setShowNoise(!showNoise)}
          aria-expanded={showNoise}
        >
          {showNoise
            ? "Fold noise"
            : `${noise.length} noise ${noise.length === 1 ? "change" : "changes"} folded: ${noiseNames}`}
        </Button>
      )}
    </div>
  );
}
