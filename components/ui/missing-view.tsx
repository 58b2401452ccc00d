import Link from "next/link";
import type { ReactNode } from "react";
import { ApiRequestError } from "@/lib/query/fetch-json";
import { ErrorView } from "./state-views";

/**
 * A page whose thing could not be loaded: it still names itself, says plainly when the
 * thing is not kept here (404) rather than showing a bare error, and offers the way back.
 */
export function MissingView({
  title,
  error,
  gone,
  links,
}: {
  title: string;
  error: Error;
  /** What a 404 means for this kind of thing. */
  gone: ReactNode;
  links: Array<[href: string, label: string]>;
}) {
  const missing = error instanceof ApiRequestError && error.status === 404;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold wrap-anywhere">{title}</h1>
      {missing ? (
        <p className="rounded border border-slate-200 bg-white p-4 text-sm text-slate-700">
          {gone}
        </p>
      ) : (
        <ErrorView error={error} />
      )}
      <p className="flex flex-wrap gap-4 text-sm">
        {links.map(([href, label]) => (
          <Link key={href} href={href} className="text-indigo-700 hover:underline">
            {label}
          </Link>
        ))}
      </p>
    </div>
  );
}
