import "server-only";
import { notifyEndpointsChanged } from "./endpoint-changes";
import { getPrisma } from "../db/prisma";
import type { EndpointFields } from "./endpoint-settings";
import type { EndpointRow } from "./endpoint-view";
import { assertConsistent, toColumns } from "./create-endpoint";
import { getEndpoint } from "./find-endpoints";

/** Applies a partial update; cross-field rules are checked on the merged settings. */
export async function updateEndpoint(options: {
  id: string;
  fields: Partial<EndpointFields>;
}): Promise<EndpointRow> {
  const current = await getEndpoint({ id: options.id });
  assertConsistent({
    body: options.fields.body ?? (JSON.parse(current.body) as Record<string, unknown>),
    msg_key: options.fields.msg_key ?? current.msgKey,
  });
  const row = await getPrisma().endpoint.update({
    where: { id: options.id },
    data: toColumns(options.fields),
  });
  notifyEndpointsChanged();
  return row;
}
