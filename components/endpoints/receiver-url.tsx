import { CopyButton } from "@/components/ui/copy-button";

/** What a disabled endpoint's URL does, said wherever the URL is shown (issue 13.13). */
export const DISABLED_RECEIVER_TEXT =
  "Disabled: this URL answers 404, and the platform drops what it sends here after its retries.";

/** A receiver URL as the robot's address, with a button that copies it; loud when disabled. */
export function ReceiverUrl({
  url,
  copyLabel = "Copy",
  disabled = false,
}: {
  url: string;
  copyLabel?: string;
  disabled?: boolean;
}) {
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="receiver-url"
          className={`rounded px-2 py-1 font-mono text-xs break-all ${disabled ? "bg-red-50 text-red-800 line-through" : "bg-slate-100"}`}
        >
          {url}
        </code>
        <CopyButton text={url} label={copyLabel} />
      </div>
      {disabled && (
        <p
          data-testid="receiver-disabled"
          className="rounded border border-red-300 bg-red-50 px-2 py-1 text-xs font-semibold text-red-800"
        >
          {DISABLED_RECEIVER_TEXT}
        </p>
      )}
    </div>
  );
}
