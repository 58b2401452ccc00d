import "server-only";
import { notifyEndpointsChanged } from "./endpoint-changes";
import { getPrisma } from "../db/prisma";
import type { EndpointRow } from "./endpoint-view";
import { getEndpoint } from "./find-endpoints";
import { newReceiverToken } from "./new-token";

/**
 * Gives the endpoint a new receiver token. The receiver looks tokens up on every request,
 * so the old URL answers 404 from the next delivery on; the robot's address must follow.
 */
export async function rotateEndpointToken(options: { id: string }): Promise<EndpointRow> {
  await getEndpoint({ id: options.id });
  const row = await getPrisma().endpoint.update({
    where: { id: options.id },
    data: { token: newReceiverToken() },
  });
  notifyEndpointsChanged();
  return row;
}
