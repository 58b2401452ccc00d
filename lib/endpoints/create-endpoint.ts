import "server-only";
import { notifyEndpointsChanged } from "./endpoint-changes";
import { getPrisma } from "../db/prisma";
import { ApiError } from "../http/api-error";
import { crossFieldErrors, ENDPOINT_DEFAULTS, type EndpointFields } from "./endpoint-settings";
import type { EndpointRow } from "./endpoint-view";
import { newEndpointId, newReceiverToken } from "./new-token";

export function toColumns(fields: Partial<EndpointFields>) {
  return {
    ...(fields.name !== undefined && { name: fields.name }),
    ...(fields.secret_key !== undefined && { secretKey: fields.secret_key }),
    ...(fields.header !== undefined && { header: JSON.stringify(fields.header) }),
    ...(fields.body !== undefined && { body: JSON.stringify(fields.body) }),
    ...(fields.msg_key !== undefined && { msgKey: fields.msg_key }),
    ...(fields.use_template !== undefined && { useTemplate: fields.use_template }),
    ...(fields.enabled !== undefined && { enabled: fields.enabled }),
    ...(fields.topics !== undefined && { topics: JSON.stringify(fields.topics) }),
    ...(fields.resource_scope !== undefined && { resourceScope: fields.resource_scope }),
    ...(fields.subscription_enabled !== undefined && {
      subscriptionEnabled: fields.subscription_enabled,
    }),
  };
}

export function assertConsistent(fields: Pick<EndpointFields, "body" | "msg_key">) {
  const errors = crossFieldErrors(fields);
  if (errors.length > 0) throw new ApiError("invalid_input", errors[0]!.message, errors);
}

export async function createEndpoint(options: {
  fields: Partial<EndpointFields> & { name: string };
}): Promise<EndpointRow> {
  const fields = { ...ENDPOINT_DEFAULTS, ...options.fields };
  assertConsistent(fields);
  const row = await getPrisma().endpoint.create({
    data: {
      id: newEndpointId(),
      token: newReceiverToken(),
      ...toColumns(fields),
      name: fields.name,
    },
  });
  notifyEndpointsChanged();
  return row;
}
