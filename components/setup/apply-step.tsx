"use client";
import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { ReceiverUrl } from "@/components/endpoints/receiver-url";
import type { EndpointView } from "@/lib/query/endpoints";
import { buildClimcCommands, climcScript } from "@/lib/setup/climc-commands";
import { RESOURCE_SCOPES } from "@/lib/endpoints/endpoint-settings";
import { LiveVerification } from "./live-verification";
import { LoopbackWarning } from "@/components/endpoints/loopback-warning";

type Props = {
  endpoint: EndpointView;
  /** The secret typed in this session, shown once in the commands; null when not known. */
  revealedSecret: string | null;
  /** The endpoint was created in this session: the robot is new on the platform too. */
  created: boolean;
  since: number | null;
};

function Expected({ endpoint }: { endpoint: EndpointView }) {
  const rows: Array<[string, string]> = [
    ["msg_key", endpoint.msg_key === "" ? "(empty: Msg)" : endpoint.msg_key],
    ["header", JSON.stringify(endpoint.header)],
    ["body", JSON.stringify(endpoint.body)],
    [
      "secret_key",
      endpoint.has_secret_key
        ? "set: X-Auth-Token is checked on every delivery"
        : "none: deliveries are accepted unsigned",
    ],
    ["use_template", String(endpoint.use_template)],
  ];
  return (
    <dl
      className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-sm"
      data-testid="expected-settings"
    >
      {rows.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="font-mono text-slate-600">{name}</dt>
          <dd className="font-mono break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Step 4: what to run on the platform, then live proof that the platform's deliveries arrive. */
export function ApplyStep({ endpoint, revealedSecret, created, since }: Props) {
  const [mode, setMode] = useState<"create" | "update">(created ? "create" : "update");
  const scope = RESOURCE_SCOPES.find((s) => s === endpoint.resource_scope) ?? "system";
  const script = climcScript(
    buildClimcCommands({
      mode,
      robotName: endpoint.name,
      receiverUrl: endpoint.receiver_url,
      header: endpoint.header,
      body: endpoint.body,
      msgKey: endpoint.msg_key,
      secretKey: revealedSecret,
      secretKeyHidden: endpoint.has_secret_key && revealedSecret === null,
      useTemplate: endpoint.use_template,
      topics: endpoint.topics,
      resourceScope: scope,
      subscriptionEnabled: endpoint.subscription_enabled,
    }),
  );
  return (
    <div className="space-y-6">
      <section className="space-y-2">
        <h2 className="text-base font-semibold">Receiver URL</h2>
        <ReceiverUrl
          url={endpoint.receiver_url}
          copyLabel="Copy URL"
          disabled={!endpoint.enabled}
        />
        <LoopbackWarning url={endpoint.receiver_url} />
        <h3 className="pt-2 text-sm font-semibold text-slate-700">What this endpoint expects</h3>
        <Expected endpoint={endpoint} />
      </section>

      <section className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h2 className="text-base font-semibold">Run on the platform</h2>
          {(
            [
              ["create", "new robot"],
              ["update", "update an existing robot"],
            ] as const
          ).map(([choice, text]) => (
            <label key={choice} className="flex items-center gap-1 text-sm">
              <input
                type="radio"
                name="robot-mode"
                checked={mode === choice}
                onChange={() => setMode(choice)}
              />{" "}
              {text}
            </label>
          ))}
          <CopyButton text={script} label="Copy commands" />
        </div>
        {revealedSecret && (
          <p className="text-xs text-amber-700">
            The secret_key is shown here once; Hooklens will not show it again.
          </p>
        )}
        <pre
          data-testid="climc-commands"
          className="code-block overflow-auto rounded p-3 text-xs break-all whitespace-pre-wrap"
        >
          {script}
        </pre>
      </section>

      <LiveVerification
        key={`${endpoint.id}:${endpoint.token}`}
        endpoint={endpoint}
        since={since}
      />
    </div>
  );
}
