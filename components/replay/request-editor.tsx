"use client";
import { useId } from "react";
import type { HeaderPairs } from "@/lib/cloudpods/headers";
import type { HeaderTextParse } from "@/lib/replay/header-text";
import { RequestDiff } from "./request-diff";

const area = "w-full rounded border border-slate-300 p-2 font-mono text-xs";

/** Headers ("Name: value" a line) and body to edit, with the diff against the original. */
export function RequestEditor(props: {
  original: { headers: HeaderPairs; body: string };
  headersText: string;
  parsedHeaders: HeaderTextParse;
  body: string;
  onHeadersText: (text: string) => void;
  onBody: (text: string) => void;
}) {
  const { parsedHeaders } = props;
  const id = useId();
  const label = "block text-xs font-medium text-slate-600";
  return (
    <div className="space-y-2">
      <label htmlFor={`${id}-headers`} className={label}>
        Headers (Host and Content-Length are set for the target)
      </label>
      <textarea
        id={`${id}-headers`}
        rows={6}
        value={props.headersText}
        onChange={(e) => props.onHeadersText(e.target.value)}
        className={area}
        spellCheck={false}
      />
      {!parsedHeaders.ok && (
        <p className="text-xs text-red-700" role="alert">
          {parsedHeaders.reason}
        </p>
      )}
      <label htmlFor={`${id}-body`} className={label}>
        Body
      </label>
      <textarea
        id={`${id}-body`}
        rows={8}
        value={props.body}
        onChange={(e) => props.onBody(e.target.value)}
        className={area}
        spellCheck={false}
      />
      {parsedHeaders.ok && (
        <RequestDiff original={props.original} headers={parsedHeaders.headers} body={props.body} />
      )}
    </div>
  );
}
