"use client";
import { useEffect, useRef, useState } from "react";
import { SEARCH_SHORTCUT } from "@/components/layout/keyboard-shortcuts";
import { POPOVER_PANEL } from "@/components/ui/popover";
import { completeField, fieldPrefixAt } from "@/lib/search/complete-field";
import { parseSearchQuery, SearchSyntaxError } from "@/lib/search/parse-search-query";
import { useSearchFieldsQuery } from "@/lib/query/search";

const DEBOUNCE_MS = 400;

const EXAMPLES: Array<[string, string]> = [
  ["10.168.115.57", "any value containing this text (case-insensitive, 中文 too)"],
  ['"fa:16:3e"', "quotes keep spaces and colons in the text"],
  ["status:running", "a field anywhere in resource_details equals the value"],
  ["metadata.owner:team-a", "a dotted path from the top"],
  ["nics.mac:00:22:*", "* matches any characters"],
  ["vcpu_count:>4", "numbers compare as numbers (>, >=, <, <=)"],
  ["-status:deleted", "a leading - excludes"],
];

function syntaxError(text: string): string | null {
  if (!text.trim()) return null;
  try {
    parseSearchQuery(text);
    return null;
  } catch (error) {
    return error instanceof SearchSyntaxError ? error.message : String(error);
  }
}

/**
 * The feed's payload search: commits after a pause in typing (or on Enter) when the
 * query parses, says where it does not (the same parser as the API), completes field
 * names seen in this installation, and explains the syntax.
 */
export function PayloadSearch({
  value,
  onCommit,
}: {
  value: string | undefined;
  onCommit: (value: string) => void;
}) {
  const [text, setText] = useState(value ?? "");
  const [seen, setSeen] = useState(value);
  const [focused, setFocused] = useState(false);
  if (seen !== value) {
    setSeen(value);
    setText(value ?? "");
  }
  const error = syntaxError(text);
  const prefix = focused ? fieldPrefixAt(text) : null;
  const fields = useSearchFieldsQuery(prefix);
  const suggestions = prefix === null ? [] : (fields.data?.data ?? []).map((field) => field.name);
  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  });
  useEffect(() => {
    if (error || text.trim() === (value ?? "")) return;
    const timer = setTimeout(() => commit.current(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value, error]);

  const choose = (name: string) => setText(completeField(text, name));

  return (
    <div className="relative flex w-full flex-col gap-1 sm:w-auto">
      <div className="flex min-w-0 items-center gap-2">
        <input
          type="search"
          aria-label="Search"
          {...SEARCH_SHORTCUT}
          aria-invalid={error !== null}
          aria-describedby="payload-search-error"
          placeholder="Any value, field:value, -exclude, vcpu_count:>4"
          value={text}
          maxLength={500}
          autoComplete="off"
          onChange={(event) => setText(event.target.value)}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !error) commit.current(text.trim());
            if (event.key === "Tab" && suggestions[0] && !event.shiftKey) {
              event.preventDefault();
              choose(suggestions[0]);
            }
          }}
          className={`w-full min-w-0 rounded border bg-white px-3 py-1.5 font-mono text-sm sm:w-96 ${
            error ? "border-red-400" : "border-slate-300"
          }`}
        />
        <details className="shrink-0 text-xs text-slate-600">
          <summary className="cursor-pointer text-indigo-700">Search syntax</summary>
          <div className={`${POPOVER_PANEL} right-0 w-[min(28rem,calc(100vw-2rem))] p-3`}>
            <p className="mb-2">Terms separated by spaces must all match.</p>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              {EXAMPLES.map(([example, meaning]) => (
                <div key={example} className="contents">
                  <dt className="font-mono text-slate-900">{example}</dt>
                  <dd>{meaning}</dd>
                </div>
              ))}
            </dl>
          </div>
        </details>
      </div>
      {error && (
        <p id="payload-search-error" role="alert" className="text-xs text-red-700">
          Cannot search: {error}
        </p>
      )}
      {suggestions.length > 0 && (
        <ul
          aria-label="Field names"
          className="absolute top-full z-10 mt-1 w-full rounded border border-slate-200 bg-white py-1 text-sm shadow sm:w-96"
        >
          {suggestions.map((name) => (
            <li key={name}>
              {/* A raw button: the suggestion row itself is the control, full width and unboxed. */}
              <button
                type="button"
                className="w-full px-3 py-1 text-left font-mono hover:bg-indigo-50"
                // mousedown, not click: the input's blur would hide the list first.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(name);
                }}
              >
                {name}:
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
