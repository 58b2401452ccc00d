"use client";
import {
  useDeleteEndpointMutation,
  useEndpointStatsQuery,
  type EndpointView,
} from "@/lib/query/endpoints";
import { ConfirmDialog } from "./confirm-dialog";

/** Deleting takes every delivery of the endpoint with it: the question says how many. */
export function DeleteEndpointDialog({
  endpoint,
  onClose,
}: {
  endpoint: EndpointView;
  onClose: () => void;
}) {
  const stats = useEndpointStatsQuery(endpoint.id);
  const remove = useDeleteEndpointMutation();
  const total = stats.data?.deliveries_total;
  const what =
    total === undefined
      ? null
      : total === 1
        ? "its 1 delivery"
        : `its ${total.toLocaleString()} deliveries`;
  return (
    <ConfirmDialog
      title={`Delete ${endpoint.name}?`}
      confirmLabel={
        total === undefined ? "Delete" : `Delete endpoint and ${total.toLocaleString()} deliveries`
      }
      destructive
      busy={remove.isPending || stats.isPending}
      error={
        remove.error?.message ??
        (stats.isError ? `Could not count its deliveries: ${stats.error.message}` : null)
      }
      onCancel={onClose}
      onConfirm={() => remove.mutate(endpoint.id, { onSuccess: onClose })}
    >
      {what === null ? (
        <p role="status">Counting its deliveries…</p>
      ) : (
        <p>
          This deletes the endpoint and {what}. Its receiver URL stops working. This cannot be
          undone.
        </p>
      )}
    </ConfirmDialog>
  );
}
