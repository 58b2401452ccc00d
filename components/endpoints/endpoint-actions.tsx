"use client";
import Link from "next/link";
import { useState } from "react";
import {
  useRotateTokenMutation,
  useSetEndpointEnabledMutation,
  useTestDeliveryMutation,
  type EndpointView,
} from "@/lib/query/endpoints";
import { ConfirmDialog } from "./confirm-dialog";
import { DeleteEndpointDialog } from "./delete-endpoint-dialog";
import { TestDeliveryResultView } from "./test-delivery-result";
import { Button } from "@/components/ui/button";

const actionClass =
  "rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-60";

/** Edit, enable/disable, rotate the token, send a test delivery, delete (with its deliveries). */
export function EndpointActions({ endpoint }: { endpoint: EndpointView }) {
  const [asking, setAsking] = useState<"delete" | "rotate" | "disable" | null>(null);
  const setEnabled = useSetEndpointEnabledMutation();
  const rotate = useRotateTokenMutation();
  const test = useTestDeliveryMutation();
  const close = () => setAsking(null);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-1">
        <Link href={`/setup?endpoint=${encodeURIComponent(endpoint.id)}`} className={actionClass}>
          Edit
        </Link>
        <Button
          size="xs"
          disabled={setEnabled.isPending}
          onClick={() =>
            endpoint.enabled
              ? setAsking("disable")
              : setEnabled.mutate({ id: endpoint.id, enabled: true })
          }
        >
          {endpoint.enabled ? "Disable" : "Enable"}
        </Button>
        <Button size="xs" disabled={test.isPending} onClick={() => test.mutate(endpoint.id)}>
          {test.isPending ? "Sending…" : "Send test delivery"}
        </Button>
        <Button size="xs" onClick={() => setAsking("rotate")}>
          Rotate token
        </Button>
        <Button variant="danger-outline" size="xs" onClick={() => setAsking("delete")}>
          Delete
        </Button>
      </div>
      {test.isError && (
        <p role="alert" className="text-xs text-red-700">
          {test.error.message}
        </p>
      )}
      {test.data && <TestDeliveryResultView result={test.data} />}
      {asking === "rotate" && (
        <ConfirmDialog
          title={`Rotate the token of ${endpoint.name}?`}
          confirmLabel="Rotate token"
          busy={rotate.isPending}
          error={rotate.error?.message}
          onCancel={close}
          onConfirm={() => rotate.mutate(endpoint.id, { onSuccess: close })}
        >
          The current receiver URL stops working at once. Give the robot its new address with{" "}
          <code>climc notify-robot-update … --address</code>; the platform then sends a new
          verification message.
        </ConfirmDialog>
      )}
      {asking === "disable" && (
        <ConfirmDialog
          title={`Disable ${endpoint.name}?`}
          confirmLabel="Disable endpoint"
          destructive
          busy={setEnabled.isPending}
          error={setEnabled.error?.message}
          onCancel={close}
          onConfirm={() =>
            setEnabled.mutate({ id: endpoint.id, enabled: false }, { onSuccess: close })
          }
        >
          From now on its receiver URL answers 404 and nothing sent to it is kept. The
          platform&apos;s notify service retries a refused delivery a few times, then drops it: what
          the robot sends while this endpoint is disabled is lost, not held for later.
        </ConfirmDialog>
      )}
      {asking === "delete" && <DeleteEndpointDialog endpoint={endpoint} onClose={close} />}
    </div>
  );
}
