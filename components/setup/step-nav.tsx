import Link from "next/link";
import { WIZARD_STEPS, wizardHref, type WizardStep } from "@/lib/setup/wizard-params";

const TITLES: Record<WizardStep, string> = {
  robot: "Robot",
  preview: "Preview",
  subscription: "Subscription",
  apply: "Apply and verify",
};

/** The four steps; the last one needs a saved endpoint. */
export function StepNav({
  current,
  endpointId,
}: {
  current: WizardStep;
  endpointId: string | null;
}) {
  return (
    <ol className="flex flex-wrap gap-2 text-sm" aria-label="Setup steps">
      {WIZARD_STEPS.map((step, index) => {
        const label = `${index + 1}. ${TITLES[step]}`;
        const active = step === current;
        const reachable = step !== "apply" || endpointId !== null;
        const className = `rounded px-3 py-1.5 ${active ? "bg-indigo-600 text-on-accent" : "bg-white text-slate-700 ring-1 ring-slate-200"}`;
        return (
          <li key={step}>
            {reachable && !active ? (
              <Link
                href={wizardHref({ endpoint: endpointId, step })}
                className={`${className} hover:bg-slate-100`}
              >
                {label}
              </Link>
            ) : (
              <span
                aria-current={active ? "step" : undefined}
                className={`${className} ${reachable ? "" : "opacity-50"}`}
              >
                {label}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

export const STEP_TITLES = TITLES;
