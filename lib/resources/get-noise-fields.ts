import { getDatabase } from "../db/sqlite";
import { DEFAULT_NOISE_FIELDS } from "../diff/noise-fields";

export const NOISE_FIELDS_SETTING = "noise_fields";

/** The noise-field patterns set from the UI, or the defaults when none were set. */
export function getNoiseFields(): string[] {
  const value = getDatabase()
    .prepare("SELECT value FROM settings WHERE key = ?")
    .pluck()
    .get(NOISE_FIELDS_SETTING) as string | undefined;
  if (value === undefined) return [...DEFAULT_NOISE_FIELDS];
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) return parsed.filter((item) => typeof item === "string");
  } catch {
    // A hand-edited, broken value: fall back to the defaults rather than fold nothing.
  }
  return [...DEFAULT_NOISE_FIELDS];
}
