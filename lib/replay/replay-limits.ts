/**
 * Replay's fixed bounds, free of any server import so that input schemas shared with the
 * browser can use them.
 */
/** The part of a replay's (or a forward's) answer that is kept. */
export const RESPONSE_BODY_CAP = 64 * 1024;
export const MAX_TIMEOUT_MS = 120_000;
export const MAX_BULK_CONCURRENCY = 16;
