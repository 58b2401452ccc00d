import { readdirSync, readFileSync } from "node:fs";
import { processCpuMs } from "./process-cpu";

/**
 * CPU ms of each thread of a process (user + system, from /proc/<pid>/task/<tid>/stat;
 * Linux), by thread id. Node names all its threads "node": the main thread's id is the
 * pid, and a worker thread (the search index reader) is told from V8's and libuv's
 * helpers by its CPU. For seeing which of a server's threads compete for the cores.
 */
export function threadCpuMs(pid: number): Map<number, number> {
  const threads = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    } catch {
      continue; // the thread ended between the listing and the read
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    threads.set(Number(tid), ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
  }
  return threads;
}

/** What each thread used between two readings, largest first; threads under 20 ms are
 *  summed as "rest". */
export function threadCpuDelta(before: Map<number, number>, after: Map<number, number>) {
  const used = [...after].map(([tid, ms]) => ({ tid, ms: ms - (before.get(tid) ?? 0) }));
  used.sort((a, b) => b.ms - a.ms);
  const shown = used.filter((t) => t.ms >= 20);
  const rest = used.filter((t) => t.ms < 20).reduce((sum, t) => sum + t.ms, 0);
  return { threads: shown, rest };
}

type CpuSample = { at: number; server: Map<number, number>; sink: number; own: number };

/**
 * Samples the server's threads, the sink and this process every `everyMs` from now on,
 * so that a window inside a longer call (autocannon's load after its set-up, which
 * blocks this process for seconds) can be read on its own: `between(from, to)` gives
 * each one's CPU ms from the first sample at or after `from` to the last before `to`.
 */
export function sampleCpu(serverPid: number, sinkPid: number, everyMs = 200) {
  const samples: CpuSample[] = [];
  const take = () => {
    const own = process.cpuUsage();
    samples.push({
      at: Date.now(),
      server: threadCpuMs(serverPid),
      sink: processCpuMs(sinkPid),
      own: (own.user + own.system) / 1000,
    });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => clearInterval(timer),
    /** at, this process's and the server's main thread's CPU ms so far, per sample. */
    series: () =>
      samples.map((s) => [s.at, Math.round(s.own), s.server.get(serverPid) ?? 0, s.sink]),
    between(from: number, to: number) {
      const inside = samples.filter((s) => s.at >= from && s.at <= to);
      const first = inside[0];
      const last = inside[inside.length - 1];
      if (!first || !last || first === last) throw new Error("no samples in the window");
      return {
        ms: last.at - first.at,
        server: threadCpuDelta(first.server, last.server),
        sink: last.sink - first.sink,
        loadGenerator: Math.round(last.own - first.own),
      };
    },
  };
}
