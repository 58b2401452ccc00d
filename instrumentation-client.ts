import { z } from "zod";

/**
 * Runs in the browser before any of the app's code (Next's instrumentation-client file).
 * zod compiles object parsers with `new Function` when it may, and probes whether it may
 * by trying: under the pages' Content-Security-Policy (no 'unsafe-eval', issue 13 item 9)
 * the probe is refused and reported as a violation on every page. Jitless, it never
 * tries, and parses the same way without compiling (the URL filters are small).
 */
z.config({ jitless: true });
