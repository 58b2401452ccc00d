/**
 * The platform simulator: sends a realistic Cloudpods delivery stream to a receiver URL.
 *   npm run simulate -- --url <receiver_url> [--rate N] [--count N] [--secret S]
 *     [--msg-key K] [--header JSON] [--body JSON] [--use-template] [--seed N]
 *     [--concurrency N] [--start ISO] [--load] [--timeout MS]
 *     [--release 3.7|3.9|3.10.3|3.11|current|mixed]
 */
import { z } from "zod";
import { PLATFORM_RELEASES } from "../lib/cloudpods/platform-releases";
import { generateDeliveries } from "../lib/simulator/generate-deliveries";
import { generateLoadDeliveries } from "../lib/simulator/load-deliveries";
import { createPoster } from "../lib/simulator/post-delivery";
import { createStats, percentile, sendStream, type SendStats } from "../lib/simulator/send-stream";

const USAGE = `Usage: npm run simulate -- --url <receiver_url> [options]

  --url URL          the receiver URL of an endpoint (http or https), required
  --count N          deliveries to send, duplicates included (default 100)
  --rate N           deliveries a second; 0 sends as fast as --concurrency allows (default 10)
  --concurrency N    requests in flight at once (default 4)
  --secret S         the robot's secret_key: sign with X-Auth-Token (at most 128 characters)
  --msg-key K        the robot's msg_key (at most 16 characters; default Msg)
  --header JSON      the robot's header, e.g. '{"Test":"test"}' (string values are sent)
  --body JSON        the robot's body, merged over every message, e.g. '{"env":"prod"}'
  --use-template     a use_template robot: every event arrives as template text
  --release R        the platform release whose requests to send: 3.7, 3.9, 3.10.3, 3.11,
                     current, or mixed (default): a fleet of them, each resource on one;
                     releases before 3.11.13 never sign, whatever --secret says
  --seed N           the stream's seed (default: random, printed); with --start, reproducible
  --start ISO        the platform clock at the start (default: now)
  --load             send ~3 KB create/update events only (benchmark load), no validation
  --timeout MS       give up on one request after MS milliseconds (default 30000)

The first delivery is the robot's validation, sent alone: an answer of 300 or more makes
the platform refuse the robot, and the run stops there.

Exit status: 0 when every delivery got an answer below 500; 1 when some got none or a 5xx,
or the validation was refused; 2 for bad arguments; 3 when the receiver could not be reached.`;

const whole = (min: number, max: number) =>
  z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** --header and --body: a JSON object, as climc's notify-robot-create takes them. */
const jsonObject = z.string().transform((text, context) => {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // reported below
  }
  context.addIssue({ code: "custom", message: 'must be a JSON object like \'{"key":"value"}\'' });
  return z.NEVER;
});

const FLAGS = ["load", "help", "use-template"];

const argsSchema = z.object({
  url: z.url({
    protocol: /^https?$/,
    error: (issue) => (issue.input === undefined ? "is required" : "must be an http(s) URL"),
  }),
  count: whole(1, 10_000_000).default(100),
  rate: z.coerce
    .number({ error: "must be a number" })
    .min(0, "must be at least 0")
    .max(100_000)
    .default(10),
  concurrency: whole(1, 1024).default(4),
  secret: z.string().min(1, "must not be empty").max(128, "is at most 128 characters").optional(),
  "msg-key": z.string().min(1, "must not be empty").max(16, "is at most 16 characters").optional(),
  seed: whole(0, 2 ** 32 - 1).optional(),
  start: z.iso
    .datetime({ offset: true, error: "must be an ISO 8601 time like 2026-01-05T08:00:00Z" })
    .optional(),
  header: jsonObject.optional(),
  body: jsonObject.optional(),
  "use-template": z.literal(true).optional(),
  load: z.literal(true).optional(),
  timeout: whole(1, 600_000).default(30_000),
  release: z
    .enum([...PLATFORM_RELEASES, "mixed"], {
      error: `must be one of ${[...PLATFORM_RELEASES, "mixed"].join(", ")}`,
    })
    .default("mixed"),
});

function readArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (!arg.startsWith("--")) throw new Error(`unexpected argument "${arg}"`);
    const [name = "", inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!(name in argsSchema.shape) && name !== "help") throw new Error(`unknown option --${name}`);
    const next = argv[i + 1];
    if (inline !== undefined) out[name] = inline;
    else if (FLAGS.includes(name)) out[name] = true;
    else if (next !== undefined && !next.startsWith("--")) out[name] = argv[++i] ?? "";
    else throw new Error(`--${name} needs a value`);
  }
  return out;
}

function fail(message: string): never {
  console.error(`simulate: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function summary(stats: SendStats): string {
  const seconds = (performance.now() - stats.startedAt) / 1000;
  const latencies = [...stats.latenciesMs].sort((a, b) => a - b);
  const statuses = Object.entries(stats.byStatus)
    .map(([status, n]) => `${status}: ${n}`)
    .join("  ");
  const kinds = Object.entries(stats.byKind)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(", ");
  return [
    `sent ${stats.sent} in ${seconds.toFixed(1)} s (${(stats.sent / seconds).toFixed(1)}/s): ${kinds}; ${stats.duplicates} re-sent duplicates`,
    `answers  ${statuses}`,
    `latency  p50 ${percentile(latencies, 0.5)} ms  p95 ${percentile(latencies, 0.95)} ms  max ${latencies.at(-1) ?? 0} ms`,
    ...stats.errors.map((error) => `error    ${error}`),
  ].join("\n");
}

async function main() {
  let raw: Record<string, string | true>;
  try {
    raw = readArgs(process.argv.slice(2));
  } catch (error) {
    fail((error as Error).message);
  }
  if (raw.help) {
    console.log(USAGE);
    return;
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(
      issue?.path.length
        ? `--${String(issue.path[0])}: ${issue.message}`
        : (issue?.message ?? "bad arguments"),
    );
  }
  const args = parsed.data;
  const seed = args.seed ?? Math.floor(Math.random() * 2 ** 31);
  const startAt = args.start ? Date.parse(args.start) : Math.floor(Date.now() / 1000) * 1000;
  const robot = {
    secretKey: args.secret,
    msgKey: args["msg-key"],
    header: args.header,
    body: args.body,
    useTemplate: args["use-template"],
  };
  const streamOptions = {
    seed,
    count: args.count,
    robot,
    startAt,
    release: args.release,
    alertShare: 0.03,
  };
  const deliveries = args.load
    ? generateLoadDeliveries(streamOptions)
    : generateDeliveries(streamOptions);

  const url = new URL(args.url);
  const poster = createPoster(url, { concurrency: args.concurrency, timeoutMs: args.timeout });
  console.log(
    `simulate: ${args.count} deliveries to ${url.href} (seed ${seed}, start ${new Date(startAt).toISOString()}, release ${args.load ? "current" : args.release}${args.secret ? ", signed" : ""})`,
  );
  const stats = createStats();
  const progress = setInterval(() => {
    const errors = stats.byStatus.error ?? 0;
    console.log(`  ${stats.sent}/${args.count} sent, ${stats.sent - errors} answered`);
  }, 1000);
  try {
    const outcome = await sendStream({
      deliveries,
      post: poster.post,
      rate: args.rate,
      concurrency: args.concurrency,
      stats,
    });
    if (outcome.unreachable !== null) {
      console.error(`simulate: cannot reach ${url.href}: ${outcome.unreachable}`);
      process.exitCode = 3;
      return;
    }
    if (outcome.refusedStatus !== null) {
      const hint =
        outcome.refusedStatus === 404 ? " (no enabled endpoint has this receiver token)" : "";
      console.error(
        `simulate: the robot's validation was answered ${outcome.refusedStatus}${hint}; the platform would refuse this address, so nothing else was sent.`,
      );
      process.exitCode = 1;
      return;
    }
    console.log(summary(stats));
    const failed = Object.keys(stats.byStatus).filter(
      (status) => status === "error" || Number(status) >= 500,
    );
    process.exitCode = failed.length > 0 ? 1 : 0;
  } finally {
    clearInterval(progress);
    poster.close();
  }
}

void main();
