/**
 * Live latency: time from the receiver's answer to the delivery showing in an open
 * feed stream (SSE), against the baseline of the receiver round trip itself.
 */
import { generateLoadDeliveries } from "../../lib/simulator/load-deliveries";
import { api, createEndpoint } from "../../tests/support/api";
import { openStream } from "../../tests/support/sse";
import { percentile, round } from "./stats";

export async function benchLive(baseUrl: string, count = 200) {
  const endpoint = await createEndpoint(baseUrl);
  const stream = openStream(`${baseUrl}/api/events/stream?endpoint=${endpoint.id}`);
  await stream.ready;
  const deliveries = [...generateLoadDeliveries({ seed: 21, count })];
  const lags: number[] = [];
  const sendToShown: number[] = [];
  const roundTrips: number[] = [];
  for (const [i, delivery] of deliveries.entries()) {
    const sent = performance.now();
    const response = await fetch(endpoint.receiver_url, {
      method: "POST",
      headers: delivery.headers,
      body: delivery.body,
    });
    const answered = performance.now();
    await response.text();
    await stream.waitFor(i + 1);
    // The stream is told after the commit, before the answer goes out: usually the
    // message is already there when the answer arrives.
    lags.push(performance.now() - answered);
    sendToShown.push(performance.now() - sent);
    roundTrips.push(answered - sent);
  }
  stream.close();
  await api(baseUrl, `/api/endpoints/${endpoint.id}`, { method: "DELETE" });
  return {
    live_p50_ms: round(percentile(lags, 50), 2),
    live_p95_ms: round(percentile(lags, 95), 2),
    send_to_stream_p95_ms: round(percentile(sendToShown, 95), 2),
    receiver_round_trip_p95_ms: round(percentile(roundTrips, 95), 2),
  };
}
