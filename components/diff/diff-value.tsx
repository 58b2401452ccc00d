"use client";
import { useState } from "react";
import { previewValue } from "./format-path";
import { Button } from "@/components/ui/button";

const TONE = { before: "bg-red-50 text-red-900", after: "bg-emerald-50 text-emerald-900" };

/** One side of a change: JSON on one line, expandable when long. Text only, never HTML. */
export function DiffValue({ value, side }: { value: unknown; side: keyof typeof TONE }) {
  const [open, setOpen] = useState(false);
  const preview = previewValue(value);
  return (
    <span className={`rounded px-1 font-mono text-xs break-all ${TONE[side]}`} data-side={side}>
      {open ? (
        <pre className="inline whitespace-pre-wrap">{JSON.stringify(value, null, 2)}</pre>
      ) : (
        preview.text
      )}
      {preview.cut && (
        <Button variant="link" className="ml-1" onClick={() => setOpen(!open)}>
          {open ? "less" : "more"}
        </Button>
      )}
    </span>
  );
}
