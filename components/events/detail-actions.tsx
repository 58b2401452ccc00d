"use client";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { curlCommand } from "@/lib/events/curl-command";
import type { DeliveryDetail } from "@/lib/events/delivery-types";
import { useEndpointsQuery } from "@/lib/query/endpoints";

/** The receiver URL the delivery came in on; the curl command sends it there again. */
function useReceiverUrl(endpointId: string): string {
  const endpoints = useEndpointsQuery();
  return (
    endpoints.data?.data.find((endpoint) => endpoint.id === endpointId)?.receiver_url ??
    "RECEIVER_URL"
  );
}

export function useCurlCommand(delivery: DeliveryDetail): string {
  const url = useReceiverUrl(delivery.endpoint_id);
  return curlCommand({
    url,
    headers: delivery.headers,
    body: delivery.body,
    bodyBase64: delivery.body_base64,
  });
}

/** Saves the delivery (summary, headers, body, payload) as a JSON file, in the browser. */
function downloadJson(delivery: DeliveryDetail) {
  const blob = new Blob([`${JSON.stringify(delivery, null, 2)}\n`], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `delivery-${delivery.id}.json`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function DetailActions({ delivery }: { delivery: DeliveryDetail }) {
  const curl = useCurlCommand(delivery);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <CopyButton text={curl} label="Copy as curl" />
      <Button size="xs" onClick={() => downloadJson(delivery)}>
        Download JSON
      </Button>
    </div>
  );
}

/** The curl command in full, for reading before running it. */
export function CurlSection({ delivery }: { delivery: DeliveryDetail }) {
  const curl = useCurlCommand(delivery);
  return (
    <div>
      <p className="mb-2 text-xs text-slate-500">
        Re-sends this delivery as received: same headers in the same order, same body bytes.
        {delivery.secret_fields.length > 0 &&
          " Redacted values were replaced before storage, so the signature will not match."}
      </p>
      <pre
        data-testid="curl-command"
        className="code-block overflow-auto rounded p-3 font-mono text-xs whitespace-pre"
      >
        {curl}
      </pre>
    </div>
  );
}
