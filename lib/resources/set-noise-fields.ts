import { getDatabase } from "../db/sqlite";
import { NOISE_FIELDS_SETTING } from "./get-noise-fields";

/** Stores the noise-field patterns; an empty list folds nothing. */
export function setNoiseFields(options: { fields: string[] }): string[] {
  const fields = [...new Set(options.fields.map((field) => field.trim()).filter(Boolean))];
  getDatabase()
    .prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    )
    .run(NOISE_FIELDS_SETTING, JSON.stringify(fields), Date.now());
  return fields;
}
