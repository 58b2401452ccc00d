"use client";
import Link from "next/link";
import { feedSearchString, type FeedFilters } from "@/lib/events/feed-search-params";
import { exportUrl } from "@/lib/query/deliveries";
import type { LiveFeed } from "@/lib/query/feed-live";
import { Button } from "@/components/ui/button";

const STATE_TEXT = {
  open: ["Live", "bg-emerald-500"],
  connecting: ["Connecting…", "bg-amber-400"],
  waiting: ["Connecting…", "bg-amber-400"],
  reconnecting: ["Reconnecting…", "bg-amber-400"],
} as const;

/** Stream state, pause/resume with what arrived meanwhile, export and bulk replay links. */
export function LiveBar({ live, filters }: { live: LiveFeed; filters: FeedFilters }) {
  const [text, dot] = live.paused ? (["Paused", "bg-slate-400"] as const) : STATE_TEXT[live.state];
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <span
        className="flex items-center gap-1.5 text-slate-600"
        data-testid="live-state"
        role="status"
      >
        <span className={`inline-block size-2 rounded-full ${dot}`} aria-hidden />
        {text}
      </span>
      {live.paused ? (
        <Button onClick={live.resume}>
          Resume
          {live.arrivedWhilePaused > 0 && (
            <span
              className="text-on-accent ml-2 rounded-full bg-indigo-600 px-2 py-0.5 text-xs"
              data-testid="arrived-while-paused"
            >
              {`${live.arrivedWhilePaused} new`}
            </span>
          )}
        </Button>
      ) : (
        <Button onClick={live.pause}>Pause</Button>
      )}
      <span className="text-slate-400" aria-hidden>
        |
      </span>
      <span className="text-slate-600">Export</span>
      <a className="text-indigo-700 hover:underline" href={exportUrl(filters, "ndjson")} download>
        NDJSON
      </a>
      <a className="text-indigo-700 hover:underline" href={exportUrl(filters, "csv")} download>
        CSV
      </a>
      <span className="text-slate-400" aria-hidden>
        |
      </span>
      <Link
        className="text-indigo-700 hover:underline"
        href={`/replays/bulk${feedSearchString(filters)}`}
      >
        Replay these…
      </Link>
    </div>
  );
}
