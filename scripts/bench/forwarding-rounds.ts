/** The forwarding bench's rounds: the rules of their rules side, the median of their
 *  ratios, and a line for each. */
import { loadavg } from "node:os";
import { createRule } from "../../tests/support/forwards";
import type { IngestRound } from "./forwarding";
import type { Sink } from "./sink";

export function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The server's main thread (the receiver's loop), µs of CPU per delivery over the load. */
export const mainThreadPerDelivery = (round: IngestRound, seconds: number) =>
  Math.round((round.cpu.mainThread * 1000) / (round.result.rps * seconds));

export function roundLine(
  index: number,
  pair: { without: IngestRound; with: IngestRound },
  withFirst: boolean,
): string {
  const seconds = pair.with.seconds;
  const side = (round: IngestRound) =>
    `${Math.round(round.result.rps)}/s (main thread ${mainThreadPerDelivery(round, seconds)} µs/delivery)`;
  const ratio = pair.with.result.rps / pair.without.result.rps;
  return (
    `forwarding round ${index + 1}${withFirst ? " (rules first)" : ""}: no rule ${side(pair.without)}, ` +
    `3 rules ${side(pair.with)}, ratio ${ratio.toFixed(3)}; ${pair.with.sentDuringLoad} sent during the load, ` +
    `${pair.with.backlogAtEnd} left, drained in ${pair.with.drainMs} ms; load ${loadavg()[0]!.toFixed(1)}`
  );
}

/** The bench's three rules, each matching part of the load mix and sending to the sink:
 *  servers (exact), failures (exact) and a Slack chat rule (message). */
export async function createBenchRules(base: string, sink: Sink) {
  await createRule(base, {
    name: "servers",
    url: sink.url("/servers"),
    filter: { resource_type: "server" },
  });
  await createRule(base, {
    name: "failures",
    url: sink.url("/failures"),
    filter: { result: "failed" },
  });
  await createRule(base, {
    name: "chat",
    url: sink.url("/chat"),
    mode: "message",
    chat: "slack",
    filter: { action: "delete,create" },
  });
}
