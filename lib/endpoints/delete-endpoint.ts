import "server-only";
import { notifyEndpointsChanged } from "./endpoint-changes";
import { getPrisma } from "../db/prisma";
import { notFound } from "../http/api-error";
import { getEndpoint } from "./find-endpoints";
import { forgetLastSeen } from "./last-seen";

/** Deletes an endpoint with all its deliveries; answers how many deliveries went. */
export async function deleteEndpoint(options: {
  id: string;
}): Promise<{ deleted_deliveries: number }> {
  await getEndpoint({ id: options.id });
  const prisma = getPrisma();
  const deliveries = await prisma.delivery.count({ where: { endpointId: options.id } });
  // Two deletes at once both pass the look-up; the one that finds it gone answers 404.
  const { count } = await prisma.endpoint.deleteMany({ where: { id: options.id } });
  if (count === 0) throw notFound("Endpoint");
  notifyEndpointsChanged();
  forgetLastSeen(options.id);
  return { deleted_deliveries: deliveries };
}
