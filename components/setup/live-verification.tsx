"use client";
import { useEffect, useState } from "react";
import { useEndpointStatsQuery, type EndpointView } from "@/lib/query/endpoints";
import { useEndpointVerification } from "@/lib/query/endpoints-live";
import { useDeliveriesQuery } from "@/lib/query/deliveries";
import { mergeTicks, tickState } from "@/lib/setup/verification-ticks";
import { EndpointRelease } from "@/components/endpoints/endpoint-release";
import { TroubleshootingPanel } from "./troubleshooting-panel";
import { VerificationTick } from "./verification-ticks";

/** The endpoint's latest validation message and latest event, already kept. */
function useArrivedBefore(endpointId: string) {
  const validation = useDeliveriesQuery({ endpoint: endpointId, kind: "verification", limit: "1" });
  const event = useDeliveriesQuery({ endpoint: endpointId, kind: "event", limit: "1" });
  return [...(validation.data?.data ?? []), ...(event.data?.data ?? [])];
}

/** How long to wait before offering the checklist unasked. */
const PATIENCE_MS = 30_000;

/**
 * Watches the endpoint live from `since` (the newest delivery before this setup) for the
 * platform's validation message and its first event.
 */
export function LiveVerification({
  endpoint,
  since,
}: {
  endpoint: EndpointView;
  since: number | null;
}) {
  const stats = useEndpointStatsQuery(endpoint.id);
  // Not told where to start: start from the newest delivery when this step opened.
  const [baseline, setBaseline] = useState<number | null>(since);
  if (baseline === null && stats.data) setBaseline(stats.data.newest_delivery_id);
  const live = useEndpointVerification({ endpointId: endpoint.id, since: baseline });
  // Reopened (a reload, a link) rather than just saved: what already arrived counts too.
  const earlier = useArrivedBefore(endpoint.id);
  const ticks = since === null ? mergeTicks(earlier, live.ticks) : live.ticks;
  const state = live.state;
  const done = tickState(ticks.validation) === "ok" && tickState(ticks.event) === "ok";
  const [patienceOver, setPatienceOver] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setPatienceOver(true), PATIENCE_MS);
    return () => clearTimeout(timer);
  }, []);
  const refusedSince = (stats.data?.recent_rejected ?? []).some(
    (item) => baseline !== null && item.id > baseline,
  );
  const waiting =
    state === "open"
      ? "Listening for deliveries at this endpoint…"
      : "Connecting to the live stream…";

  return (
    <section className="space-y-3" aria-labelledby="verify-title">
      <h2 id="verify-title" className="text-base font-semibold">
        Verify
      </h2>
      <p className="text-sm text-slate-600" data-testid="stream-state" data-state={state}>
        {done ? "The platform reaches this endpoint with the expected settings." : waiting}
      </p>
      <ul className="space-y-2">
        <VerificationTick
          testId="tick-validation"
          title="Verification message"
          waitingText="Sent by the platform when the robot is created or its address changes."
          item={ticks.validation}
        />
        <VerificationTick
          testId="tick-event"
          title="First event"
          waitingText="Sent when something happens to a resource in a subscribed topic."
          item={ticks.event}
        />
      </ul>
      {stats.data && <EndpointRelease summary={stats.data} />}
      {(!done || refusedSince) && (
        <TroubleshootingPanel endpoint={endpoint} open={refusedSince || patienceOver} />
      )}
    </section>
  );
}
