import { benchPostgresIngest } from "./postgres-ingest";
import type { Row } from "./print-report";

/** `npm run bench`'s rows for ingest on PostgreSQL (issue 14's targets). */
export async function postgresIngestRows(
  quick: boolean,
  yes: (ok: boolean) => string,
): Promise<{ figures: Awaited<ReturnType<typeof benchPostgresIngest>>; rows: Row[] }> {
  const figures = await benchPostgresIngest({
    seconds: quick ? 3 : Number(process.env.BENCH_SECONDS ?? 15),
    rounds: quick ? 1 : Number(process.env.BENCH_ROUNDS ?? 3),
  });
  const floor = `${figures.floor_rps}/s, p99 ${figures.floor_p99_ms} ms: bare node:http + 1 pg insert`;
  const instance = (label: string, rps: number, p99: number): Row[] => [
    {
      figure: `ingest on PostgreSQL, ${label}, deliveries/s (32 connections, median of ${figures.rounds.length} rounds)`,
      value: `${rps} (${(rps / figures.floor_rps).toFixed(2)}x the floor)`,
      baseline: floor,
      target: ">= 0.5x the floor",
      met: yes(rps >= 0.5 * figures.floor_rps),
    },
    {
      figure: `ingest on PostgreSQL, ${label}, p99 ms`,
      value: String(p99),
      baseline: floor,
      target: "<= 50",
      met: yes(p99 <= 50),
    },
  ];
  const rows = [
    ...instance("one instance", figures.one_rps, figures.one_p99_ms),
    ...instance("two instances", figures.two_rps, figures.two_p99_ms),
    {
      figure:
        "ingest on PostgreSQL, CPU ms per delivery during the load (one instance / two): Hooklens, PostgreSQL",
      value: `${figures.cpu.one.server_ms}, ${figures.cpu.one.postgres_ms} / ${figures.cpu.two.server_ms}, ${figures.cpu.two.postgres_ms}`,
      baseline: `${figures.cpu.floor.server_ms}, ${figures.cpu.floor.postgres_ms}: the floor`,
      target: "-",
      met: "-",
    },
    {
      figure: "ingest on PostgreSQL: answered 200 and stored",
      value: figures.durable ? "every 200 stored" : "NOT every 200 stored",
      baseline: "-",
      target: "all",
      met: yes(figures.durable),
    },
  ];
  return { figures, rows };
}
