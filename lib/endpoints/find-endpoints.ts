import "server-only";
import { getPrisma } from "../db/prisma";
import { notFound } from "../http/api-error";
import type { EndpointRow } from "./endpoint-view";

export async function findEndpoints(): Promise<EndpointRow[]> {
  return getPrisma().endpoint.findMany({ orderBy: { createdAt: "asc" } });
}

export async function getEndpoint(options: { id: string }): Promise<EndpointRow> {
  const row = await getPrisma().endpoint.findUnique({ where: { id: options.id } });
  if (!row) throw notFound("Endpoint");
  return row;
}
