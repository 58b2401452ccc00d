import { receiverUrl } from "../http/base-url";

/** An endpoint row as stored (Prisma's Endpoint model fields we read). */
export type EndpointRow = {
  id: string;
  name: string;
  token: string;
  secretKey: string | null;
  header: string;
  body: string;
  msgKey: string;
  useTemplate: boolean;
  enabled: boolean;
  topics: string;
  resourceScope: string;
  subscriptionEnabled: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type EndpointView = ReturnType<typeof endpointView>;

/** A stored JSON object column; anything else reads as {}. */
export function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The API's view of an endpoint: never the secret_key, only whether one is set. */
export function endpointView(row: EndpointRow, baseUrl: string) {
  const topics: unknown = JSON.parse(row.topics);
  return {
    id: row.id,
    name: row.name,
    token: row.token,
    receiver_url: receiverUrl(baseUrl, row.token),
    has_secret_key: row.secretKey !== null && row.secretKey !== "",
    header: parseObject(row.header),
    body: parseObject(row.body),
    msg_key: row.msgKey,
    use_template: row.useTemplate,
    enabled: row.enabled,
    topics: Array.isArray(topics) ? topics.map(String) : [],
    resource_scope: row.resourceScope,
    subscription_enabled: row.subscriptionEnabled,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
