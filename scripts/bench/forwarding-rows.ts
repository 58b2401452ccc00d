/** The forwarding benchmark's figures as rows of `npm run bench`'s table. */
import type { ForwardingFigures, IngestRound } from "./forwarding";
import { mainThreadPerDelivery } from "./forwarding-rounds";
import type { Row } from "./print-report";

const cpu = (round: IngestRound) =>
  `server ${round.cpu.server} (main thread ${round.cpu.mainThread}) / load generator ${round.cpu.loadGenerator} / sink ${round.cpu.sink}`;

export function forwardingRows(
  forwarding: ForwardingFigures,
  seconds: number,
  yes: (ok: boolean) => string,
): Row[] {
  const { ingestWithRules: withRules, ingestWithoutRules: without } = forwarding;
  const { ratio } = forwarding;
  return [
    {
      figure: `ingest deliveries/s with 3 enabled rules sending (median round, ${withRules.queued} queued, ${seconds} s)`,
      value: String(Math.round(withRules.result.rps)),
      baseline: `${Math.round(without.result.rps)} with no rule`,
      target: ">= 0.9 of no rule",
      met: yes(ratio >= 0.9),
    },
    {
      figure: `ingest ratio 3 rules / no rule (median of ${forwarding.ratios.length} rounds, order alternating)`,
      value: `${ratio.toFixed(3)} (rounds: ${forwarding.ratios.map((r) => r.toFixed(3)).join(", ")})`,
      baseline: "1.00",
      target: ">= 0.9",
      met: yes(ratio >= 0.9),
    },
    {
      figure: "main thread CPU µs per delivery over the load, 3 rules / no rule (each round)",
      value: forwarding.rounds
        .map((round) => mainThreadPerDelivery(round.with, seconds))
        .join(", "),
      baseline: forwarding.rounds
        .map((round) => mainThreadPerDelivery(round.without, seconds))
        .join(", "),
      target: "-",
      met: "-",
    },
    {
      figure: "CPU ms during the load, with rules (median round)",
      value: cpu(withRules),
      baseline: cpu(without),
      target: "-",
      met: "-",
    },
    {
      figure: "forwards sent during the load; not yet sent when it stopped, and time to drain them",
      value: `${withRules.sentDuringLoad} sent; ${withRules.backlogAtEnd} jobs, ${withRules.left ? `${withRules.left} left after` : "drained in"} ${withRules.drainMs} ms (rounds: ${forwarding.rounds.map((round) => round.with.drainMs).join(", ")} ms)`,
      baseline: `${withRules.queued} queued`,
      target: "all delivered",
      met: yes(forwarding.rounds.every((round) => round.with.left === 0)),
    },
    {
      figure: `forwarding throughput to a local sink (${forwarding.backlog} backlog, concurrency ${forwarding.concurrency})`,
      value: `${Math.round(forwarding.forwardedPerSecond)}/s`,
      baseline: `${Math.round(forwarding.directPerSecond)}/s POSTed straight to the sink`,
      target: "-",
      met: "-",
    },
  ];
}
