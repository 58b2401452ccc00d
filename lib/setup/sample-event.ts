import type { EventMessage } from "../cloudpods/render-delivery";
import type { PlatformTopic } from "./platform-topics";

/**
 * A plausible event for previews and test deliveries: the first resource type and action
 * of a topic (a server creation by default), with the fields every resource carries.
 * The name says where it came from, so a test delivery is recognisable in the feed.
 */
export function sampleEvent(topic?: PlatformTopic, now = new Date()): EventMessage {
  const resourceType = topic?.resources[0] ?? "server";
  const action = topic?.actions[0] ?? "create";
  return {
    action,
    resource_type: resourceType,
    result: topic?.result ?? "succeed",
    resource_details: {
      id: `hooklens-sample-${resourceType}`,
      name: `hooklens-sample-${resourceType}`,
      status: topic?.result === "failed" ? `${action}_fail` : "running",
      created_at: now.toISOString().replace(/\.\d+Z$/, ".000000Z"),
      project_domain: "Default",
      domain_id: "default",
      tenant: "system",
      tenant_id: "system",
      project: "system",
      project_id: "system",
      can_delete: true,
      can_update: true,
      metadata: {},
    },
  };
}
