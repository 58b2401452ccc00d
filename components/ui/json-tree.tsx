"use client";
import { useState } from "react";

/** A collapsible JSON tree. Every value is rendered as text, never as HTML. */
export function JsonTree({
  value,
  name,
  depth = 0,
}: {
  value: unknown;
  name?: string;
  depth?: number;
}) {
  const [open, setOpen] = useState(depth < 2);
  const label = name !== undefined ? <span className="text-slate-500">{name}: </span> : null;
  if (value !== null && typeof value === "object") {
    const entries: Array<readonly [string, unknown]> = Array.isArray(value)
      ? value.map((v: unknown, i) => [String(i), v] as const)
      : Object.entries(value);
    const [openMark, closeMark] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
    return (
      <div className="font-mono text-xs leading-5">
        <button
          type="button"
          onClick={() => setOpen(!open)}
          className="text-left hover:bg-slate-100"
          aria-expanded={open}
        >
          <span className="inline-block w-3 text-slate-400">{open ? "▾" : "▸"}</span>
          {label}
          {openMark}
          {!open && (
            <span className="text-slate-400">
              {" "}
              {entries.length} {Array.isArray(value) ? "items" : "keys"}{" "}
            </span>
          )}
          {!open && closeMark}
        </button>
        {open && (
          <div className="ml-4 border-l border-slate-200 pl-2">
            {entries.map(([key, child]) => (
              <JsonTree key={key} name={key} value={child} depth={depth + 1} />
            ))}
          </div>
        )}
        {open && <div className="pl-3">{closeMark}</div>}
      </div>
    );
  }
  const color =
    typeof value === "string"
      ? "text-emerald-700"
      : typeof value === "number"
        ? "text-blue-700"
        : "text-purple-700";
  return (
    <div className="pl-3 font-mono text-xs leading-5 break-all">
      {label}
      <span className={color}>{JSON.stringify(value)}</span>
    </div>
  );
}
