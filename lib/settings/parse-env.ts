import { z } from "zod";

/** A yes/no variable: 1/true/on/yes or 0/false/off/no. */
export const envFlag = z
  .enum(["1", "0", "true", "false", "on", "off", "yes", "no"])
  .transform((value) => ["1", "true", "on", "yes"].includes(value));

/**
 * Validates settings from the environment; a bad value fails with a message that names
 * the variable. The one reader behind lib/config.ts, replay's and forwarding's settings.
 */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  env: Record<string, string | undefined>,
): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid setting ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return parsed.data;
}
