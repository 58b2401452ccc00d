import { parseArgs } from "node:util";
import { z } from "zod";

/**
 * `hooklens listen` arguments, validated. Pure. Filters take the feed's names with dashes
 * (`--resource-type server --action create,update`) and go to the stream as they are.
 */
export const LISTEN_USAGE = `usage: hooklens listen --url <Hooklens base URL> --token <admin token>
         --forward <local URL> [--resource-type T] [--action A] [--result R] [--kind K]
         [--endpoint ID] [--resource-id ID] [--signature S]
  (--token may come from HOOKLENS_ADMIN_TOKEN instead)`;

const FILTERS = [
  "resource-type",
  "action",
  "result",
  "kind",
  "endpoint",
  "resource-id",
  "signature",
];

const httpUrl = (name: string) =>
  z
    .string({ error: `--${name} is required` })
    .url(`--${name} must be an absolute URL`)
    .refine((value) => /^https?:\/\//i.test(value), `--${name} must be http:// or https://`);

const schema = z.object({
  url: httpUrl("url").transform((value) => value.replace(/\/+$/, "")),
  token: z.string({ error: "--token is required" }).min(1, "--token is required"),
  forward: httpUrl("forward"),
  filter: z.record(z.string(), z.string()),
});

export type ListenOptions = z.output<typeof schema>;

export function parseListenArgs(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): { ok: true; options: ListenOptions } | { ok: false; message: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: Object.fromEntries(
        ["url", "token", "forward", ...FILTERS].map((name) => [name, { type: "string" }]),
      ),
      strict: true,
    }));
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const filter: Record<string, string> = {};
  for (const name of FILTERS) {
    const value = values[name];
    if (typeof value === "string" && value !== "") filter[name.replace(/-/g, "_")] = value;
  }
  const parsed = schema.safeParse({
    url: values.url,
    token: values.token ?? env.HOOKLENS_ADMIN_TOKEN,
    forward: values.forward,
    filter,
  });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "invalid" };
  return { ok: true, options: parsed.data };
}
