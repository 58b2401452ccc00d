"use client";
import { useState } from "react";
import {
  useFetchNewestDeliveryId,
  useSaveEndpointMutation,
  type EndpointView,
} from "@/lib/query/endpoints";
import { RECOMMENDED_TOPICS } from "@/lib/setup/platform-topics";
import {
  emptyForm,
  formFromEndpoint,
  formToFields,
  robotErrors,
  type FormErrors,
  type RobotForm,
} from "@/lib/setup/robot-form";
import type { WizardStep } from "@/lib/setup/wizard-params";
import { PreviewStep } from "./preview-step";
import { RobotStep } from "./robot-step";
import { SubscriptionStep } from "./subscription-step";
import { Button } from "@/components/ui/button";

/** listenAfterId: the newest delivery id before saving; the apply step ticks what comes after (null: it asks). */
export type SavedEndpoint = {
  endpoint: EndpointView;
  created: boolean;
  secretKey: string | null;
  listenAfterId: number | null;
};

type Props = {
  endpoint: EndpointView | null;
  step: Exclude<WizardStep, "apply">;
  onStep: (step: WizardStep) => void;
  onSaved: (saved: SavedEndpoint) => void;
};

/** Steps 1 to 3: the form lives here while the URL says which step shows. */
export function WizardForm({ endpoint, step, onStep, onSaved }: Props) {
  const [form, setForm] = useState<RobotForm>(() =>
    endpoint ? formFromEndpoint(endpoint) : emptyForm(RECOMMENDED_TOPICS),
  );
  const [attempted, setAttempted] = useState(false);
  const save = useSaveEndpointMutation();
  const fetchNewestDeliveryId = useFetchNewestDeliveryId();
  const { fields, errors } = formToFields(form, {
    editing: endpoint !== null,
    hasStoredSecret: endpoint?.has_secret_key ?? false,
  });
  // An empty name is only an error once the user tries to move on.
  const shown: FormErrors =
    attempted || form.name !== ""
      ? errors
      : Object.fromEntries(Object.entries(errors).filter(([field]) => field !== "name"));
  const change = (patch: Partial<RobotForm>) => setForm((current) => ({ ...current, ...patch }));

  const next = (to: WizardStep) => {
    if (Object.keys(robotErrors(errors)).length > 0) {
      setAttempted(true);
      onStep("robot");
      return;
    }
    onStep(to);
  };

  const submit = async () => {
    if (Object.keys(errors).length > 0) return next("subscription");
    const listenAfterId = endpoint ? await fetchNewestDeliveryId(endpoint.id).catch(() => null) : 0;
    save.mutate(
      { id: endpoint?.id ?? null, fields },
      {
        onSuccess: (saved) =>
          onSaved({
            endpoint: saved,
            created: endpoint === null,
            secretKey: form.clearSecret ? null : form.secretKey || null,
            listenAfterId,
          }),
      },
    );
  };

  return (
    <form className="space-y-6" onSubmit={(e) => e.preventDefault()} noValidate>
      {step === "robot" && (
        <RobotStep form={form} errors={shown} endpoint={endpoint} onChange={change} />
      )}
      {step === "preview" && (
        <PreviewStep
          fields={fields}
          endpointId={endpoint?.id ?? null}
          topics={form.topics}
          useTemplate={form.useTemplate}
        />
      )}
      {step === "subscription" && <SubscriptionStep form={form} onChange={change} />}
      {save.isError && (
        <p
          role="alert"
          className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800"
        >
          Not saved: {save.error.message}
        </p>
      )}
      <div className="flex gap-2 border-t border-slate-200 pt-4">
        {step !== "robot" && (
          <Button size="md" onClick={() => onStep(step === "subscription" ? "preview" : "robot")}>
            Back
          </Button>
        )}
        {step !== "subscription" ? (
          <Button
            variant="primary"
            size="md"
            onClick={() => next(step === "robot" ? "preview" : "subscription")}
          >
            Next
          </Button>
        ) : (
          <Button
            variant="primary"
            size="md"
            disabled={save.isPending}
            onClick={() => void submit()}
          >
            {save.isPending ? "Saving…" : endpoint ? "Save and apply" : "Create endpoint and apply"}
          </Button>
        )}
      </div>
    </form>
  );
}
