"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { ErrorView, Loading } from "@/components/ui/state-views";
import { useEndpointQuery } from "@/lib/query/endpoints";
import { parseWizardParams, wizardHref, type WizardStep } from "@/lib/setup/wizard-params";
import { ApplyStep } from "./apply-step";
import { StepNav, STEP_TITLES } from "./step-nav";
import { WizardForm, type SavedEndpoint } from "./wizard-form";

/**
 * The setup wizard: /setup makes a new endpoint, /setup?endpoint=ep_… edits one. What was
 * just saved (and the secret typed for it) is kept here, above the form, so that the
 * last step can show the secret once in the climc commands.
 */
export function SetupWizard() {
  const router = useRouter();
  const { endpoint: endpointId, step } = parseWizardParams(useSearchParams());
  const endpoint = useEndpointQuery(endpointId);
  const [saved, setSaved] = useState<SavedEndpoint | null>(null);
  const go = (to: WizardStep) => router.push(wizardHref({ endpoint: endpointId, step: to }));
  const justSaved = saved !== null && saved.endpoint.id === endpointId ? saved : null;

  const name = endpoint.data?.name ?? "";
  const title = !endpointId
    ? "Set up a Cloudpods webhook robot"
    : step === "apply"
      ? `Endpoint ${name}`
      : `Edit endpoint ${name}`;
  let content;
  // Not QueryState: the endpoint query only matters when editing; a new setup has none.
  if (endpointId !== null && endpoint.isPending) content = <Loading what="Loading the endpoint" />;
  else if (endpointId !== null && endpoint.isError) content = <ErrorView error={endpoint.error} />;
  else if (step === "apply") {
    content = endpoint.data ? (
      <ApplyStep
        endpoint={endpoint.data}
        revealedSecret={justSaved?.secretKey ?? null}
        created={justSaved?.created ?? false}
        since={justSaved?.listenAfterId ?? null}
      />
    ) : (
      <p className="text-sm text-slate-600">
        Save the endpoint first:{" "}
        <Link href="/setup" className="text-indigo-700 hover:underline">
          start with the robot
        </Link>
        .
      </p>
    );
  } else {
    content = (
      <WizardForm
        key={endpointId ?? "new"}
        endpoint={endpoint.data ?? null}
        step={step}
        onStep={go}
        onSaved={(result) => {
          setSaved(result);
          router.push(wizardHref({ endpoint: result.endpoint.id, step: "apply" }));
        }}
      />
    );
  }

  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <h1 className="text-xl font-semibold">{title}</h1>
        <StepNav current={step} endpointId={endpointId} />
        <h2 className="sr-only">{STEP_TITLES[step]}</h2>
      </div>
      {content}
    </div>
  );
}
