import autocannon from "autocannon";

/**
 * Drives a receiver with autocannon (a well-kept HTTP load generator: keep-alive
 * connections, HdrHistogram latencies) cycling through pre-rendered deliveries.
 */
export type LoadResult = {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
  non2xx: number;
};

export async function runLoad(options: {
  url: string;
  deliveries: Array<{ headers: Array<[string, string]>; body: string }>;
  connections: number;
  durationSeconds: number;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: options.deliveries.map((delivery) => ({
      method: "POST",
      headers: Object.fromEntries(delivery.headers),
      body: delivery.body,
    })),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
