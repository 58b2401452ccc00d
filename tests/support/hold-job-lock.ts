import { JobLocks } from "../../lib/db/queries/job-locks";

/**
 * A pretended instance for tests/postgres/job-locks.test.ts, in a process of its own so
 * that the test can SIGKILL it: wants the job lock argv[3] on the database argv[2] and
 * prints "held" once it holds it, then waits to be killed.
 */
const [url, name] = process.argv.slice(2);
if (!url || !name) throw new Error("usage: hold-job-lock.ts <database url> <lock name>");
const lock = new JobLocks(url).lock(name);
lock.onChange((held) => {
  if (held) process.stdout.write("held\n");
});
setInterval(() => undefined, 60_000);
