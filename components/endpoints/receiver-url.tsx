import { CopyButton } from "@/components/ui/copy-button";

/** A receiver URL as the robot's address, with a button that copies it. */
export function ReceiverUrl({ url, copyLabel = "Copy" }: { url: string; copyLabel?: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <code
        data-testid="receiver-url"
        className="rounded bg-slate-100 px-2 py-1 font-mono text-xs break-all"
      >
        {url}
      </code>
      <CopyButton text={url} label={copyLabel} />
    </div>
  );
}
