"use client";
import { RESOURCE_SCOPES } from "@/lib/endpoints/endpoint-settings";
import { PLATFORM_TOPICS, type PlatformTopic } from "@/lib/setup/platform-topics";
import type { RobotForm } from "@/lib/setup/robot-form";

type Props = { form: RobotForm; onChange: (patch: Partial<RobotForm>) => void };

const SCOPE_TEXT = {
  system: "every resource on the platform",
  domain: "resources of one domain",
  project: "resources of one project",
} as const;

function TopicList({
  title,
  topics,
  form,
  onChange,
}: Props & { title: string; topics: readonly PlatformTopic[] }) {
  const toggle = (name: string, on: boolean) =>
    onChange({ topics: on ? [...form.topics, name] : form.topics.filter((t) => t !== name) });
  return (
    <fieldset className="space-y-1">
      <legend className="mb-1 text-sm font-medium text-slate-700">{title}</legend>
      {topics.map((topic) => (
        <label key={topic.name} className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-1"
            checked={form.topics.includes(topic.name)}
            onChange={(e) => toggle(topic.name, e.target.checked)}
          />
          <span>
            {topic.name}
            <span className="block text-xs text-slate-500">
              {topic.actions.join(", ")} of {topic.resources.slice(0, 5).join(", ")}
              {topic.resources.length > 5 ? "…" : ""}
              {topic.result === "failed" ? " (failed)" : ""}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Step 3: which topics the robot subscribes to, for which resources, and whether it is on. */
export function SubscriptionStep({ form, onChange }: Props) {
  return (
    <div className="space-y-5">
      <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
        <TopicList
          title="Topics (the platform's default set)"
          topics={PLATFORM_TOPICS.filter((t) => t.recommended)}
          form={form}
          onChange={onChange}
        />
        <TopicList
          title="Other topics"
          topics={PLATFORM_TOPICS.filter((t) => !t.recommended)}
          form={form}
          onChange={onChange}
        />
      </div>
      {form.topics.length === 0 && (
        <p className="text-sm text-amber-700">
          No topic chosen: the robot will receive its verification message and nothing else.
        </p>
      )}
      <fieldset className="space-y-1">
        <legend className="mb-1 text-sm font-medium text-slate-700">Resource scope</legend>
        {RESOURCE_SCOPES.map((scope) => (
          <label key={scope} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="resource-scope"
              checked={form.resourceScope === scope}
              onChange={() => onChange({ resourceScope: scope })}
            />
            {scope} <span className="text-xs text-slate-500">({SCOPE_TEXT[scope]})</span>
          </label>
        ))}
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={form.subscriptionEnabled}
          onChange={(e) => onChange({ subscriptionEnabled: e.target.checked })}
        />
        Subscription enabled
      </label>
    </div>
  );
}
