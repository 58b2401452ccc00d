import "server-only";
import { notifyEndpointsChanged } from "./endpoint-changes";
import { getPrisma } from "../db/prisma";
import { getEndpoint } from "./find-endpoints";
import { forgetLastSeen } from "./last-seen";

/** Deletes an endpoint with all its deliveries; answers how many deliveries went. */
export async function deleteEndpoint(options: {
  id: string;
}): Promise<{ deleted_deliveries: number }> {
  await getEndpoint({ id: options.id });
  const prisma = getPrisma();
  const deliveries = await prisma.delivery.count({ where: { endpointId: options.id } });
  await prisma.endpoint.delete({ where: { id: options.id } });
  notifyEndpointsChanged();
  forgetLastSeen(options.id);
  return { deleted_deliveries: deliveries };
}
