import type { Metadata } from "next";
import { Suspense } from "react";
import { ResourceTimelineView } from "@/components/resources/resource-timeline";
import { Loading } from "@/components/ui/state-views";

type Props = PageProps<"/resources/[type]/[id]">;

/** The segment as the page shows it; a stray % that is no escape stays as it is. */
function segment(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { type, id } = await params;
  return { title: `${segment(type)} ${segment(id)}` };
}

export default async function ResourcePage({ params }: Props) {
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
