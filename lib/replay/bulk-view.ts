/** A bulk_replays row as stored (the Prisma model's fields we read). */
export type BulkRow = {
  id: number;
  url: string;
  mode: string;
  endpointId: string | null;
  filter: string;
  state: string;
  total: number;
  sent: number;
  succeeded: number;
  failed: number;
  concurrency: number;
  createdAt: Date;
  finishedAt: Date | null;
};

/** running | done | cancelled | failed (failed: the process stopped while it ran). */
export type BulkState = "running" | "done" | "cancelled" | "failed";

export type BulkView = {
  id: number;
  url: string;
  mode: string;
  endpoint_id: string | null;
  /** The feed filter as given (the /events URL's parameters). */
  filter: Record<string, string>;
  state: BulkState;
  total: number;
  sent: number;
  succeeded: number;
  failed: number;
  concurrency: number;
  created_at: string;
  finished_at: string | null;
};

function filterOf(text: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
  } catch {
    return {};
  }
}

export function bulkView(row: BulkRow): BulkView {
  const states: readonly string[] = ["running", "done", "cancelled", "failed"];
  return {
    id: row.id,
    url: row.url,
    mode: row.mode,
    endpoint_id: row.endpointId,
    filter: filterOf(row.filter),
    state: (states.includes(row.state) ? row.state : "failed") as BulkState,
    total: row.total,
    sent: row.sent,
    succeeded: row.succeeded,
    failed: row.failed,
    concurrency: row.concurrency,
    created_at: row.createdAt.toISOString(),
    finished_at: row.finishedAt?.toISOString() ?? null,
  };
}
