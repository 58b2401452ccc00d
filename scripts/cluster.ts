/**
 * `npm run cluster -- --instances 2`: cluster mode to try on one machine (docs/cluster.md).
 * Starts a throwaway PostgreSQL (or uses --database-url), N Hooklens instances on it and
 * nginx in front of them with the README's configuration, and stops everything on Ctrl-C.
 * Kill an instance (its pid is printed) and watch the others serve on.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { startNginx } from "../tests/support/start-nginx";
import { createDatabase, startPostgres } from "../tests/support/start-postgres";
import { freePort, startServer, type RunningServer } from "../tests/support/start-server";

const USAGE = `npm run cluster -- [--instances 2] [--listen 127.0.0.1:8080] [--database-url postgresql://…]

  --instances N       how many Hooklens instances (1-16, default 2)
  --listen host:port  where nginx listens (default 127.0.0.1:8080; 0.0.0.0:8080 to let the
                      platform reach it from another machine)
  --database-url URL  an existing PostgreSQL 15+ database instead of a throwaway one
HOOKLENS_ADMIN_TOKEN is used when set, else one is generated and printed.`;

const Options = z.object({
  instances: z.coerce.number().int().min(1).max(16).default(2),
  listen: z
    .string()
    .regex(/^[\w.-]+:\d{1,5}$/, "--listen takes host:port")
    .default("127.0.0.1:8080"),
  "database-url": z
    .string()
    .regex(/^postgres(ql)?:\/\//, "--database-url takes a postgresql:// URL")
    .optional(),
  help: z.boolean().optional(),
});

function readOptions() {
  const { values } = parseArgs({
    options: {
      instances: { type: "string" },
      listen: { type: "string" },
      "database-url": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const parsed = Options.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((issue) => issue.message).join("\n") + "\n\n" + USAGE);
    process.exit(2);
  }
  if (parsed.data.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return parsed.data;
}

async function main() {
  const options = readOptions();
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      stopping = true;
      console.log("\nstopping…");
      void stopAll().then(() => process.exit(0));
    });

  try {
    let databaseUrl = options["database-url"];
    if (!databaseUrl) {
      const postgres = await startPostgres();
      stops.push(postgres.stop);
      databaseUrl = await createDatabase(postgres.url, "hooklens");
      console.log("PostgreSQL: a throwaway server (gone when this stops)");
    }
    const [host, port] = options.listen.split(":") as [string, string];
    const publicUrl = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
    const adminToken = process.env.HOOKLENS_ADMIN_TOKEN ?? randomBytes(24).toString("base64url");
    const env = {
      DATABASE_URL: databaseUrl,
      HOOKLENS_ADMIN_TOKEN: adminToken,
      HOOKLENS_PUBLIC_URL: process.env.HOOKLENS_PUBLIC_URL ?? publicUrl,
      HOOKLENS_TRUST_PROXY: "127.0.0.1",
      // Until every domain serves on PostgreSQL (docs/cluster.md, "What serves").
      HOOKLENS_POSTGRES_UNFINISHED: "1",
    };
    const instances: RunningServer[] = [];
    // One after the other, so that the first applies the migrations and the log reads well.
    for (let i = 0; i < options.instances; i++) {
      const instance = await startServer({ env, port: await freePort() });
      instances.push(instance);
      stops.push(() => instance.stop());
      const label = `[instance ${i + 1}]`;
      const print = (text: string) => {
        for (const line of text.split("\n").filter(Boolean)) console.log(label, line);
      };
      print(instance.output());
      for (const stream of [instance.process.stdout, instance.process.stderr])
        stream?.on("data", (chunk: Buffer) => print(chunk.toString()));
      instance.process.once("exit", (code, signal) => {
        if (!stopping) console.log(`${label} exited (${signal ?? code}); the others serve on`);
      });
      console.log(`${label} ${instance.baseUrl} (pid ${instance.process.pid})`);
    }
    const nginx = await startNginx({
      instances: instances.map((instance) => new URL(instance.baseUrl).host),
      host,
      port: Number(port),
    });
    stops.push(nginx.stop);
    console.log(
      [
        "",
        `Hooklens cluster: ${publicUrl} (nginx, round robin over ${instances.length} instances)`,
        `  receiver URLs:   ${publicUrl}/api/hooks/<token> (the endpoints page lists them)`,
        `  admin token:     ${adminToken}`,
        "  answers through nginx carry X-Hooklens-Instance: the instance that served them",
        "Ctrl-C stops nginx, the instances and the throwaway PostgreSQL.",
      ].join("\n"),
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stopAll();
    process.exit(1);
  }
}

void main();
