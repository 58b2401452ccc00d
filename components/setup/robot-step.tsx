"use client";
import { ReceiverUrl } from "@/components/endpoints/receiver-url";
import type { EndpointView } from "@/lib/query/endpoints";
import { generateSecret } from "@/lib/setup/generate-secret";
import type { FormErrors, RobotForm } from "@/lib/setup/robot-form";
import { FormField, inputClass } from "./form-field";
import { KeyValueRows } from "./key-value-rows";
import { PublicUrlField } from "./public-url-field";
import { LoopbackWarning } from "@/components/endpoints/loopback-warning";
import { Button } from "@/components/ui/button";

type Props = {
  form: RobotForm;
  errors: FormErrors;
  endpoint: EndpointView | null;
  onChange: (patch: Partial<RobotForm>) => void;
};

/** Step 1: the robot as the platform's "create webhook robot" screen asks for it. */
export function RobotStep({ form, errors, endpoint, onChange }: Props) {
  return (
    <div className="space-y-5">
      <FormField
        id="robot-name"
        label="Robot name"
        error={errors.name}
        hint="The robot's name on the platform, and this endpoint's name."
      >
        <input
          id="robot-name"
          className={inputClass}
          aria-invalid={errors.name ? true : undefined}
          value={form.name}
          onChange={(e) => onChange({ name: e.target.value })}
        />
      </FormField>

      <div className="space-y-1">
        <p className="text-sm font-medium text-slate-700">
          Receiver URL (the robot&apos;s address)
        </p>
        {endpoint ? (
          <ReceiverUrl url={endpoint.receiver_url} disabled={!endpoint.enabled} />
        ) : (
          <p className="text-xs text-slate-500">
            A receiver URL with its own unguessable token is made when you save.
          </p>
        )}
        <PublicUrlField />
        <LoopbackWarning />
      </div>

      {(
        [
          [
            "header",
            "headerRows",
            "Extra request headers the robot sends. Values must be strings; the platform skips any other value.",
          ],
          [
            "body",
            "bodyRows",
            "Keys merged over the message; they win, so a key equal to msg_key would replace the message.",
          ],
        ] as const
      ).map(([section, field, hint]) => (
        <KeyValueRows
          key={section}
          section={section}
          label={section}
          hint={hint}
          rows={form[field]}
          errors={errors}
          onChange={(rows) => onChange({ [field]: rows })}
        />
      ))}

      <FormField
        id="msg-key"
        label="msg_key"
        error={errors.msg_key}
        hint='The body key that holds the message; empty means "Msg". At most 16 characters.'
      >
        <input
          id="msg-key"
          className={`${inputClass} max-w-xs font-mono`}
          aria-invalid={errors.msg_key ? true : undefined}
          value={form.msgKey}
          onChange={(e) => onChange({ msgKey: e.target.value })}
        />
      </FormField>

      <FormField
        id="secret-key"
        label="secret_key"
        error={errors.secret_key}
        hint={
          endpoint?.has_secret_key
            ? "A secret is stored and never shown again: leave empty to keep it, or type or generate a new one."
            : "Signs each delivery with X-Auth-Token (HMAC-SHA256 of the body). At most 128 characters."
        }
      >
        <div className="flex items-center gap-2">
          <input
            id="secret-key"
            className={`${inputClass} font-mono`}
            aria-invalid={errors.secret_key ? true : undefined}
            autoComplete="off"
            spellCheck={false}
            value={form.secretKey}
            onChange={(e) => onChange({ secretKey: e.target.value, clearSecret: false })}
          />
          <Button
            size="xs"
            className="shrink-0"
            onClick={() => onChange({ secretKey: generateSecret(), clearSecret: false })}
          >
            Generate
          </Button>
        </div>
      </FormField>
      {endpoint?.has_secret_key && (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={form.clearSecret}
            onChange={(e) => onChange({ clearSecret: e.target.checked, secretKey: "" })}
          />
          Remove the stored secret (deliveries are then accepted unsigned)
        </label>
      )}

      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={form.useTemplate}
          onChange={(e) => onChange({ useTemplate: e.target.checked })}
        />
        <span>
          use_template: send the topic&apos;s rendered text as <code>{'{"Msg": "…"}'}</code> instead
          of the event JSON
        </span>
      </label>
    </div>
  );
}
