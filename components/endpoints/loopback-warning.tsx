"use client";
import { isLoopbackUrl } from "@/lib/http/loopback-url";
import { usePublicUrlQuery } from "@/lib/query/endpoints";

/**
 * Said wherever a receiver URL is handed out: a localhost URL works from this machine
 * only, and the platform would never deliver to it. `url` defaults to the public base.
 */
export function LoopbackWarning({ url }: { url?: string }) {
  const publicUrl = usePublicUrlQuery();
  const base = url ?? publicUrl.data?.public_url;
  if (!base || !isLoopbackUrl(base)) return null;
  const fromEnv = publicUrl.data?.source === "env";
  return (
    <div
      role="note"
      data-testid="loopback-warning"
      className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      <p className="font-medium">The platform cannot reach this address.</p>
      <p>
        {`Receiver URLs start with ${new URL(base).origin}, which only this machine can open. `}
        {fromEnv ? (
          <>
            HOOKLENS_PUBLIC_URL is set to it: set it to an address the platform&apos;s notify
            service reaches, then restart.
          </>
        ) : (
          <>
            Set <code className="font-mono text-xs">HOOKLENS_PUBLIC_URL</code> to an address the
            platform&apos;s notify service reaches (for example{" "}
            <code className="font-mono text-xs">
              HOOKLENS_PUBLIC_URL=http://10.0.0.5:3000 npm start
            </code>
            ), or change the public base URL in the setup wizard&apos;s first step.
          </>
        )}
      </p>
    </div>
  );
}
