import { z } from "zod";

/** The wizard's place lives in the URL (/setup?endpoint=ep_…&step=preview): shareable, back button works. */
export const WIZARD_STEPS = ["robot", "preview", "subscription", "apply"] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

const wizardParamsSchema = z.object({
  endpoint: z.string().min(1).max(100).optional().catch(undefined),
  step: z.enum(WIZARD_STEPS).catch("robot"),
});

export type WizardParams = { endpoint: string | null; step: WizardStep };

export function parseWizardParams(params: { get(name: string): string | null }): WizardParams {
  const parsed = wizardParamsSchema.parse({
    endpoint: params.get("endpoint") ?? undefined,
    step: params.get("step") ?? undefined,
  });
  return { endpoint: parsed.endpoint ?? null, step: parsed.step };
}

export function wizardHref(params: WizardParams): string {
  const search = new URLSearchParams();
  if (params.endpoint) search.set("endpoint", params.endpoint);
  if (params.step !== "robot") search.set("step", params.step);
  const text = search.toString();
  return text ? `/setup?${text}` : "/setup";
}
