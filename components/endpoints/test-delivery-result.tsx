import Link from "next/link";
import type { TestDeliveryResult } from "@/lib/query/endpoints";

/** What the endpoint's own receiver answered to the sample event. */
export function TestDeliveryResultView({ result }: { result: TestDeliveryResult }) {
  const tone = result.ok ? "text-emerald-700" : "text-red-700";
  return (
    <p className={`text-xs ${tone}`} role="status" data-testid="test-delivery-result">
      {result.status === null
        ? `Not delivered: ${result.error ?? "no answer"}`
        : `Answered ${result.status}`}
      {result.event_type && <> · {result.event_type}</>}
      {result.signed ? " · signed with the secret_key" : " · unsigned"}
      {result.delivery_id !== null && (
        <>
          {" · "}
          <Link href={`/events/${result.delivery_id}`} className="underline">
            delivery #{result.delivery_id}
          </Link>
        </>
      )}
      {" · "}
      {result.duration_ms} ms
    </p>
  );
}
