/**
 * Worst-case bodies (issue 13): each shape built to make a pass over a delivery (nesting
 * check, parsing, redaction, hashing, compression, the timeline's diff) work hardest per
 * byte, against a typical delivery of the same size, in the same run, per KB. Timed
 * through the real server: the receiver's round trip (the event loop is held for as
 * long as one delivery's passes take) and the resource timeline, which reads, parses
 * and diffs every version of the resource.
 */
import { createEndpoint, api, apiText } from "../../tests/support/api";
import { BODY_SHAPES, shapedBody, type BodyShape } from "../../tests/support/hostile-bodies";
import { processCpuMs, untilIdle } from "./process-cpu";
import { percentile, round } from "./stats";

export type ShapeFigures = {
  shape: BodyShape;
  bytes: number;
  receive_ms_per_kb: number;
  receive_max_ms: number;
  timeline_ms_per_kb: number;
  /** The server's CPU time per KB (p50 of the runs; a delivery's background work, the
   *  payload index, included); the timeline's is the mean of its reopenings, as its
   *  round trip's p50 is one (the first open parses every body: issue 19's concern). */
  receive_cpu_ms_per_kb: number;
  timeline_cpu_ms_per_kb: number;
  receive_ratio: number;
  timeline_ratio: number;
  receive_cpu_ratio: number;
  timeline_cpu_ratio: number;
};

async function post(url: string, body: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  await response.text();
  if (response.status !== 200) throw new Error(`receiver answered ${response.status}`);
  return performance.now() - started;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

async function measure(
  pid: number,
  baseUrl: string,
  receiverUrl: string,
  shape: BodyShape,
  bytes: number,
  runs: number,
) {
  // Two versions of the resource, sent in turn, so that each timeline step has a diff.
  const versions = ["ready", "running"].map((status) => shapedBody(shape, bytes, { status }));
  const size = Math.max(...versions.map((v) => Buffer.byteLength(v.body)));
  // Each delivery's CPU is counted until the server is idle again, so that the work it
  // set off in the background (the payload index) is counted with it.
  const receive: number[] = [];
  const receiveCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = await untilIdle(pid);
    receive.push(await post(receiverUrl, versions[i % 2]!.body));
    receiveCpu.push((await untilIdle(pid)) - before);
  }
  const timeline: number[] = [];
  const timelineCpu: number[] = [];
  const path = `/api/resources/server/${encodeURIComponent(versions[0]!.resourceId)}`;
  for (let i = 0; i < Math.max(3, runs); i++) {
    const cpu = processCpuMs(pid);
    const started = performance.now();
    // Read as text: parsing a 100,000-key answer here would be timed as the server's.
    const answer = await apiText(baseUrl, path);
    if (answer.status !== 200) {
      throw new Error(`timeline of ${shape} answered ${answer.status}: ${answer.text}`);
    }
    timeline.push(performance.now() - started);
    timelineCpu.push(processCpuMs(pid) - cpu);
  }
  const kb = size / 1024;
  return {
    shape,
    bytes: size,
    receive_ms_per_kb: percentile(receive, 50) / kb,
    receive_max_ms: Math.max(...receive),
    timeline_ms_per_kb: percentile(timeline, 50) / kb,
    receive_cpu_ms_per_kb: percentile(receiveCpu, 50) / kb,
    // The reopenings together: one run's CPU is a few 10 ms ticks.
    timeline_cpu_ms_per_kb: sum(timelineCpu.slice(1)) / (timelineCpu.length - 1) / kb,
  };
}

/** `bytes`: how large each body is (the receiver's cap, 1 MiB, by default). */
export async function benchBodies(
  baseUrl: string,
  options: { pid: number; bytes: number; runs: number },
) {
  const endpoint = await createEndpoint(baseUrl);
  // A first delivery of each size warms the code paths before anything is timed.
  await post(endpoint.receiver_url, shapedBody("typical", options.bytes, { tag: "warm" }).body);
  const raw = [];
  for (const shape of BODY_SHAPES) {
    raw.push(
      await measure(
        options.pid,
        baseUrl,
        endpoint.receiver_url,
        shape,
        options.bytes,
        options.runs,
      ),
    );
  }
  const typical = raw[0]!;
  const shapes: ShapeFigures[] = raw.map((figures) => ({
    ...figures,
    receive_ms_per_kb: round(figures.receive_ms_per_kb, 4),
    receive_max_ms: round(figures.receive_max_ms, 1),
    timeline_ms_per_kb: round(figures.timeline_ms_per_kb, 4),
    receive_ratio: round(figures.receive_ms_per_kb / typical.receive_ms_per_kb, 2),
    timeline_ratio: round(figures.timeline_ms_per_kb / typical.timeline_ms_per_kb, 2),
    receive_cpu_ms_per_kb: round(figures.receive_cpu_ms_per_kb, 4),
    timeline_cpu_ms_per_kb: round(figures.timeline_cpu_ms_per_kb, 4),
    receive_cpu_ratio: round(figures.receive_cpu_ms_per_kb / typical.receive_cpu_ms_per_kb, 2),
    timeline_cpu_ratio: round(figures.timeline_cpu_ms_per_kb / typical.timeline_cpu_ms_per_kb, 2),
  }));
  await api(baseUrl, `/api/endpoints/${endpoint.id}`, { method: "DELETE" });
  return { shapes };
}
