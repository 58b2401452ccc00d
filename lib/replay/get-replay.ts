import "server-only";
import { getPrisma } from "../db/prisma";
import { notFound } from "../http/api-error";
import { replayView, type ReplayView } from "./replay-view";

export async function getReplay(options: { id: number }): Promise<ReplayView> {
  const row = await getPrisma().replay.findUnique({ where: { id: options.id } });
  if (!row) throw notFound("Replay");
  return replayView(row);
}
