import "server-only";
import { getPrisma } from "../db/prisma";
import { notFound } from "../http/api-error";

export async function deleteDestination(options: { id: number }): Promise<void> {
  const { count } = await getPrisma().replayDestination.deleteMany({ where: { id: options.id } });
  if (count === 0) throw notFound("Destination");
}
