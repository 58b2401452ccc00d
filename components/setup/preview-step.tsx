"use client";
import { useState } from "react";
import { QueryState } from "@/components/ui/query-state";
import { useDeliveryPreviewQuery, type EndpointInput } from "@/lib/query/endpoints";
import {
  PLATFORM_RELEASES,
  RELEASE_LABELS,
  type PlatformRelease,
} from "@/lib/cloudpods/platform-releases";
import { PLATFORM_TOPICS } from "@/lib/setup/platform-topics";
import { inputClass } from "./form-field";
import { RenderedRequest } from "./rendered-request";

type Props = {
  fields: EndpointInput;
  endpointId: string | null;
  topics: string[];
  useTemplate: boolean;
};

/** Step 2: exactly what the platform will send with these settings, rendered server-side by the platform's rules. */
export function PreviewStep({ fields, endpointId, topics, useTemplate }: Props) {
  const choices = topics.length > 0 ? topics : PLATFORM_TOPICS.map((t) => t.name);
  const [topic, setTopic] = useState(choices[0] ?? "");
  const [release, setRelease] = useState<PlatformRelease>("current");
  const input = {
    release,
    header: fields.header,
    body: fields.body,
    msg_key: fields.msg_key,
    use_template: fields.use_template,
    topic,
    ...(fields.secret_key !== undefined && { secret_key: fields.secret_key }),
    ...(endpointId && { endpoint_id: endpointId }),
  };
  const preview = useDeliveryPreviewQuery(input);
  return (
    <div className="space-y-4">
      <label className="block max-w-md space-y-1 text-sm">
        <span className="font-medium text-slate-700">Sample event from topic</span>
        <select className={inputClass} value={topic} onChange={(e) => setTopic(e.target.value)}>
          {choices.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </label>
      <label className="block max-w-md space-y-1 text-sm">
        <span className="font-medium text-slate-700">As the platform release sends it</span>
        <select
          className={inputClass}
          value={release}
          data-testid="preview-release"
          onChange={(e) => setRelease(e.target.value as PlatformRelease)}
        >
          {PLATFORM_RELEASES.map((name) => (
            <option key={name} value={name}>
              {RELEASE_LABELS[name]}
            </option>
          ))}
        </select>
      </label>
      <QueryState query={preview} pending="Rendering the preview">
        {(data) => (
          <>
            {data.template && (
              <RenderedRequest
                title="The event, as sent with use_template on"
                request={data.template}
                testId="preview-template"
              />
            )}
            <RenderedRequest
              title={
                useTemplate ? "The same event with use_template off (for comparison)" : "The event"
              }
              request={data.event}
              testId="preview-event"
            />
            <RenderedRequest
              title="The verification message (sent when the robot is created or its address changes)"
              request={data.validation}
              testId="preview-validation"
            />
          </>
        )}
      </QueryState>
    </div>
  );
}
