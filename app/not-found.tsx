import Link from "next/link";

export const metadata = { title: "Page not found" };

/** Any path Hooklens has no page for: it names itself and offers the way on. */
export default function NotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="rounded border border-slate-200 bg-white p-4 text-sm text-slate-700">
        Hooklens has no page at this address. A receiver URL (/api/hooks/…) is for the platform to
        post to, not for a browser.
      </p>
      <p className="flex flex-wrap gap-4 text-sm">
        <Link href="/" className="text-indigo-700 hover:underline">
          Overview
        </Link>
        <Link href="/events" className="text-indigo-700 hover:underline">
          Event feed
        </Link>
        <Link href="/endpoints" className="text-indigo-700 hover:underline">
          Endpoints
        </Link>
      </p>
    </div>
  );
}
