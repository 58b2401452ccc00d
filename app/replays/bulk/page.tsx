import { BulkForm } from "@/components/replay/bulk-form";
import { parseFeedSearchParams } from "@/lib/events/feed-search-params";
import { Card } from "@/components/ui/card";

export const metadata = { title: "New bulk replay" };

/** /replays/bulk?{feed filter}: the feed's own URL parameters pick what is replayed. */
export default async function NewBulkReplayPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const initialFilter = parseFeedSearchParams(await searchParams);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">New bulk replay</h1>
      <Card>
        <BulkForm initialFilter={initialFilter} />
      </Card>
    </div>
  );
}
