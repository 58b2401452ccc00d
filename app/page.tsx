import { Suspense } from "react";
import { LatestDeliveries } from "@/components/home/latest-deliveries";
import { ReceiverCard } from "@/components/home/receiver-card";
import { Overview } from "@/components/overview/overview";
import { Loading } from "@/components/ui/state-views";

// The root segment is not templated by its own layout: the name is written out here.
export const metadata = { title: { absolute: "Overview · Hooklens" } };

export default function HomePage() {
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Overview</h1>
      <ReceiverCard />
      {/* The overview's range, grouping and endpoint live in the URL (useSearchParams). */}
      <Suspense fallback={<Loading what="Loading the overview" />}>
        <Overview />
      </Suspense>
      <LatestDeliveries />
    </div>
  );
}
