import { writeSetting } from "../db/queries/settings";
import { NOISE_FIELDS_SETTING } from "./get-noise-fields";

/** Stores the noise-field patterns; an empty list folds nothing. */
export async function setNoiseFields(options: { fields: string[] }): Promise<string[]> {
  const fields = [...new Set(options.fields.map((field) => field.trim()).filter(Boolean))];
  await writeSetting(NOISE_FIELDS_SETTING, JSON.stringify(fields));
  return fields;
}
