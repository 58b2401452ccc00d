import { Suspense } from "react";
import { ResourceTimelineView } from "@/components/resources/resource-timeline";
import { Loading } from "@/components/ui/state-views";

export const metadata = { title: "Resource · Hooklens" };

export default async function ResourcePage({
  params,
}: {
  params: Promise<{ type: string; id: string }>;
}) {
  const { type, id } = await params;
  // The compare and state views live in the URL (useSearchParams), hence the Suspense.
  return (
    <Suspense fallback={<Loading what="Loading the timeline" />}>
      <ResourceTimelineView
        key={`${type}/${id}`}
        type={decodeURIComponent(type)}
        id={decodeURIComponent(id)}
      />
    </Suspense>
  );
}
