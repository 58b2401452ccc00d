"use client";
import type { HeaderPairs } from "@/lib/cloudpods/headers";
import { diffBody, diffHeaders, type BodyDiff } from "@/lib/replay/diff-request";

const MAX_LINES = 200;

/** Green for what the replay adds, red for what it drops, amber for what it changes. */
const opColor = (op: string) =>
  op === "added" ? "text-emerald-700" : op === "removed" ? "text-red-700" : "text-amber-800";

function short(value: unknown): string {
  const text =
    typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? "undefined");
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function BodyChanges({ diff }: { diff: BodyDiff }) {
  if (diff.kind === "same") return <li className="text-slate-500">Body unchanged</li>;
  if (diff.kind === "too_large")
    return <li className="text-amber-700">Body changed (too large to show line by line)</li>;
  if (diff.kind === "json") {
    return diff.entries.slice(0, MAX_LINES).map((entry, i) => (
      <li key={i} className={opColor(entry.op)}>
        {`${entry.op === "added" ? "+" : entry.op === "removed" ? "−" : "~"} body.${entry.path.join(".")}`}
        {entry.op !== "added" && ` ${short(entry.before)}`}
        {entry.op === "changed" && " →"}
        {entry.op !== "removed" && ` ${short(entry.after)}`}
      </li>
    ));
  }
  return diff.lines
    .filter((line) => line.op !== "same")
    .slice(0, MAX_LINES)
    .map((line, i) => (
      <li key={i} className={line.op === "added" ? "text-emerald-700" : "text-red-700"}>
        {`${line.op === "added" ? "+" : "−"} ${line.text}`}
      </li>
    ));
}

/** What the edit changes from the stored delivery, shown before it is sent. */
export function RequestDiff({
  original,
  headers,
  body,
}: {
  original: { headers: HeaderPairs; body: string };
  headers: HeaderPairs;
  body: string;
}) {
  const headerChanges = diffHeaders(original.headers, headers);
  return (
    <div className="rounded border border-slate-200 bg-slate-50 p-2" data-testid="replay-diff">
      <h3 className="mb-1 text-xs font-semibold text-slate-600 uppercase">
        Changes from the stored delivery
      </h3>
      <ul className="space-y-0.5 font-mono text-xs break-all">
        {headerChanges.length === 0 && <li className="text-slate-500">Headers unchanged</li>}
        {headerChanges.map((change, i) => (
          <li key={i} className={opColor(change.op)}>
            {change.op === "added" && `+ ${change.name}: ${change.after}`}
            {change.op === "removed" && `− ${change.name}: ${change.before}`}
            {change.op === "changed" && `~ ${change.name}: ${change.before} → ${change.after}`}
          </li>
        ))}
        <BodyChanges diff={diffBody(original.body, body)} />
      </ul>
    </div>
  );
}
