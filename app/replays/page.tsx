import Link from "next/link";
import { AllAttempts } from "@/components/replay/all-attempts";
import { BulkList } from "@/components/replay/bulk-list";
import { DestinationList } from "@/components/replay/destination-list";
import { Card } from "@/components/ui/card";

export const metadata = { title: "Replays" };

export default function ReplaysPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Replays</h1>
      <Card className="space-y-2">
        <div className="flex items-center justify-between">
          <h2 className="text-sm font-semibold text-slate-700">Bulk replays</h2>
          <Link
            href="/replays/bulk"
            className="text-on-accent rounded bg-indigo-600 px-3 py-1 text-sm font-medium hover:bg-indigo-700"
          >
            New bulk replay
          </Link>
        </div>
        <BulkList />
      </Card>
      <Card className="space-y-2">
        <h2 className="text-sm font-semibold text-slate-700">All attempts</h2>
        <AllAttempts />
      </Card>
      <Card className="space-y-2">
        <h2 className="text-sm font-semibold text-slate-700">Saved destinations</h2>
        <DestinationList />
      </Card>
    </div>
  );
}
