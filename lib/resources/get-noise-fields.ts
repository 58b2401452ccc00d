import { readSetting } from "../db/queries/settings";
import { DEFAULT_NOISE_FIELDS } from "../diff/noise-fields";

export const NOISE_FIELDS_SETTING = "noise_fields";

/** The noise-field patterns set from the UI, or the defaults when none were set. */
export async function getNoiseFields(): Promise<string[]> {
  const value = await readSetting(NOISE_FIELDS_SETTING);
  if (value === null) return [...DEFAULT_NOISE_FIELDS];
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) return parsed.filter((item) => typeof item === "string");
  } catch {
    // A hand-edited, broken value: fall back to the defaults rather than fold nothing.
  }
  return [...DEFAULT_NOISE_FIELDS];
}
