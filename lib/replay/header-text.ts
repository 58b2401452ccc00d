import type { HeaderPairs } from "../cloudpods/headers";
import { headerNameProblem, headerValueProblem, HOP_BY_HOP } from "./outbound-headers";

/**
 * Headers as the editor shows them, one "Name: value" a line, and back. Pure. Blank lines
 * are skipped; the first colon splits name from value, and one space after it is not part
 * of the value (the way they are written), so values keep any further spaces.
 */
export function formatHeaderText(headers: HeaderPairs): string {
  return headers.map(([name, value]) => `${name}: ${value}`).join("\n");
}

export type HeaderTextParse =
  { ok: true; headers: HeaderPairs } | { ok: false; line: number; reason: string };

export function parseHeaderText(text: string): HeaderTextParse {
  const headers: HeaderPairs = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const colon = line.indexOf(":");
    if (colon <= 0)
      return { ok: false, line: index + 1, reason: `line ${index + 1} is not "Name: value"` };
    const name = line.slice(0, colon).trim();
    const raw = line.slice(colon + 1);
    const value = raw.startsWith(" ") ? raw.slice(1) : raw;
    const problem = headerNameProblem(name) ?? headerValueProblem(name, value);
    if (problem) return { ok: false, line: index + 1, reason: `line ${index + 1}: ${problem}` };
    headers.push([name, value]);
  }
  return { ok: true, headers };
}

/** The headers worth editing: without those every replay sets for itself (Host,
 *  Content-Length and the hop-by-hop ones), which an edit could not change anyway. */
export function editableHeaders(headers: HeaderPairs): HeaderPairs {
  return headers.filter(([name]) => {
    const lower = name.toLowerCase();
    return lower !== "host" && lower !== "content-length" && !HOP_BY_HOP.has(lower);
  });
}
