"use client";
import Link from "next/link";
import type { DryRunResult } from "@/lib/query/forwards";

export function DryRunResultView({ result }: { result: DryRunResult }) {
  return (
    <div className="rounded border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="dry-run">
      <p>{`${result.matched} of the last ${result.scanned} deliveries would have been forwarded.`}</p>
      {result.deliveries.length > 0 && (
        <ul className="mt-2 max-h-48 space-y-0.5 overflow-auto font-mono text-xs">
          {result.deliveries.map((item) => (
            <li key={item.id}>
              <Link href={`/events/${item.id}`} className="text-indigo-700 hover:underline">
                {`#${item.id}`}
              </Link>
              {` ${[item.resource_type, item.action, item.result, item.resource_name].filter(Boolean).join(" ")}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
