import { Suspense } from "react";
import { ResourceList } from "@/components/resources/resource-list";
import { Loading } from "@/components/ui/state-views";

export const metadata = { title: "Resources" };

/** Every resource seen. Its filters live in the URL (useSearchParams), hence the Suspense. */
export default function ResourcesPage() {
  return (
    <Suspense fallback={<Loading what="Loading resources" />}>
      <ResourceList />
    </Suspense>
  );
}
