import { Suspense } from "react";
import { FeedView } from "@/components/events/feed-view";
import { Loading } from "@/components/ui/state-views";

export const metadata = { title: "Events" };

/** The live feed. Its filters live in the URL (useSearchParams), hence the Suspense. */
export default function FeedPage() {
  return (
    <Suspense fallback={<Loading what="Loading events" />}>
      <FeedView />
    </Suspense>
  );
}
