"use client";
import Link from "next/link";
import { Empty } from "@/components/ui/state-views";
import { useDeliveriesQuery } from "@/lib/query/deliveries";

/**
 * No deliveries in the range. On a fresh install (nothing received at all) it says how to
 * get the first ones: point a robot here with the wizard, or run the simulator.
 */
export function OverviewEmpty({
  endpoint,
  receiverUrl,
}: {
  endpoint: string | undefined;
  receiverUrl: string | undefined;
}) {
  const anything = useDeliveriesQuery({ limit: "1", ...(endpoint && { endpoint }) });
  const fresh = anything.isSuccess && anything.data.data.length === 0;
  return (
    <Empty>
      <div data-testid="overview-empty" className="space-y-2">
        <p className="font-medium text-slate-800">
          {fresh ? "Nothing received yet." : "No deliveries in this range."}
        </p>
        {fresh ? (
          <>
            <p>
              Point a Cloudpods webhook robot at the receiver URL above: the{" "}
              <Link href="/setup" className="text-indigo-700 hover:underline">
                setup wizard
              </Link>{" "}
              walks you through the robot and its subscription.
            </p>
            <p>Or see it work at once with the platform simulator:</p>
            <pre className="code-block overflow-x-auto rounded px-3 py-2 font-mono text-xs">
              npm run simulate -- --url {receiverUrl ?? "<receiver URL>"}
            </pre>
          </>
        ) : (
          <p>Pick a longer range, or another endpoint.</p>
        )}
      </div>
    </Empty>
  );
}
