import type { Metadata } from "next";
import { Suspense } from "react";
import { ResourceTimelineView } from "@/components/resources/resource-timeline";
import { Loading } from "@/components/ui/state-views";

type Props = { params: Promise<{ type: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { type, id } = await params;
  return { title: `${decodeURIComponent(type)} ${decodeURIComponent(id)}` };
}

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
