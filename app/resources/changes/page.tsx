import { Suspense } from "react";
import { ChangeSearchView } from "@/components/resources/change-search";
import { Loading } from "@/components/ui/state-views";

export const metadata = { title: "Field changes" };

/** "Where did this field change?" The question lives in the URL, hence the Suspense. */
export default function ChangesPage() {
  return (
    <Suspense fallback={<Loading what="Loading" />}>
      <ChangeSearchView />
    </Suspense>
  );
}
