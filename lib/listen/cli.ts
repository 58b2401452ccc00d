import { LISTEN_USAGE, parseListenArgs } from "./listen-options";
import { runListener } from "./run-listener";

/** The `hooklens` command (bin/hooklens.mjs). One subcommand for now: listen. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== "listen") {
    console.error(LISTEN_USAGE);
    return 2;
  }
  const parsed = parseListenArgs(rest);
  if (!parsed.ok) {
    console.error(`${parsed.message}\n${LISTEN_USAGE}`);
    return 2;
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    await runListener({
      listen: parsed.options,
      print: (line) => console.log(line),
      signal: controller.signal,
    });
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}
