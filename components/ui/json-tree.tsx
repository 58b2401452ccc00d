"use client";
import { useState } from "react";
import { pathKey, showsDifference, type DiffMarks } from "@/components/diff/diff-marks";

const MARK_CLASS = {
  added: "bg-emerald-100",
  removed: "bg-red-100",
  changed: "bg-amber-100",
} as const;

type TreeProps = {
  value: unknown;
  name?: string;
  depth?: number;
  /** A comparison's differences on this side: marked, and opened on the way to them. */
  marks?: DiffMarks;
  /** With marks: leave out what is equal on both sides. */
  hideEqual?: boolean;
  path?: Array<string | number>;
};

/** A collapsible JSON tree. Every value is rendered as text, never as HTML. */
export function JsonTree({
  value,
  name,
  depth = 0,
  marks,
  hideEqual = false,
  path = [],
}: TreeProps) {
  const key = pathKey(path);
  const mark = marks?.marked.get(key);
  const [open, setOpen] = useState(depth < 2 || (marks?.ancestors.has(key) ?? false));
  const label = name !== undefined ? <span className="text-slate-500">{name}: </span> : null;
  const markClass = mark ? `${MARK_CLASS[mark]} rounded` : "";
  const markAttrs = mark ? { "data-diff": mark, title: mark } : {};
  if (value !== null && typeof value === "object") {
    const all: Array<readonly [string | number, unknown]> = Array.isArray(value)
      ? value.map((v: unknown, i) => [i, v] as const)
      : Object.entries(value);
    const entries = all.filter(
      ([child]) => !(marks && hideEqual) || showsDifference(marks, [...path, child]),
    );
    const [openMark, closeMark] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
    return (
      <div className={`font-mono text-xs leading-5 ${markClass}`} {...markAttrs}>
        {/* A raw button: the node's own key line toggles it, styled as tree text, not a button. */}
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
            {entries.map(([childKey, child]) => (
              <JsonTree
                key={String(childKey)}
                name={String(childKey)}
                value={child}
                depth={depth + 1}
                marks={mark ? undefined : marks}
                hideEqual={hideEqual}
                path={[...path, childKey]}
              />
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
    <div className={`pl-3 font-mono text-xs leading-5 break-all ${markClass}`} {...markAttrs}>
      {label}
      <span className={color}>{JSON.stringify(value)}</span>
    </div>
  );
}
