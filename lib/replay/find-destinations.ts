import "server-only";
import { getPrisma } from "../db/prisma";
import { destinationView, type DestinationView } from "./destination-view";

export async function findDestinations(): Promise<{ data: DestinationView[] }> {
  const rows = await getPrisma().replayDestination.findMany({ orderBy: { name: "asc" } });
  return { data: rows.map(destinationView) };
}
