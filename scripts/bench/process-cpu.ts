import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time a process has used, in ms (user + system, from /proc/<pid>/stat; Linux).
 * Benchmarks on a shared two-core machine compare work by CPU time as well as by the
 * clock: waiting for a core inflates a round trip, not the CPU it took.
 */
export function processCpuMs(pid: number): number {
  return readStat(readFileSync(`/proc/${pid}/stat`, "utf8")).ms([11, 12]);
}

/** A /proc/<pid>/stat line: its command, and the CPU time in ms of the fields named (by
 *  their place after the command: 11-12 user and system, 13-14 of ended children). */
function readStat(stat: string) {
  // The command is in parentheses and may hold spaces; the fields follow it.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return {
    command: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
    // USER_HZ is 100 on Linux.
    ms: (at: number[]) => (at.reduce((sum, i) => sum + Number(fields[i]), 0) * 1000) / 100,
  };
}

/** Waits until the process has done its background work (its CPU time stops growing). */
export async function untilIdle(pid: number, quietMs = 300, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  let last = processCpuMs(pid);
  while (Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = processCpuMs(pid);
    if (now - last <= 10) return now;
    last = now;
  }
  return last;
}

/** CPU time, in ms, of every process whose command is `name` (all of a PostgreSQL
 *  server's: the postmaster, its backends, and the backends that ended, which the
 *  postmaster's children's times hold). */
export function commandCpuMs(name: string): number {
  let ms = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    const parsed = readStat(stat);
    if (parsed.command === name) ms += parsed.ms([11, 12, 13, 14]);
  }
  return ms;
}
