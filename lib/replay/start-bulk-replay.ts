import "server-only";
import { getPrisma } from "../db/prisma";
import { deliveryFilterSchema } from "../events/delivery-filter";
import { invalidField } from "../http/api-error";
import { countBulkTargets } from "./bulk-targets";
import { bulkView, type BulkView } from "./bulk-view";
import { endpointRobot } from "./endpoint-robot";
import { isBlockedAddressError, resolveGuarded } from "./guarded-lookup";
import type { BulkInput } from "./replay-input";
import { replaySettings } from "./replay-settings";
import { runUnderLock } from "./bulk-takeover";
import type { BulkJob } from "./run-bulk-replay";
import { checkTargetUrl } from "./target-url";

export type BulkStart = { dry_run: true; total: number } | { dry_run: false; bulk: BulkView };

/** The target checked once up front, so that a bulk run to a refused or unknown host is
 *  answered 422 at once instead of recording one failure per delivery. Each send still
 *  checks again at connect time. */
async function checkTarget(url: string, allowPrivate: boolean): Promise<URL> {
  const policy = { allowPrivate };
  const target = checkTargetUrl(url, policy);
  if (!target.ok) throw invalidField("url", target.reason);
  if (!target.literal) {
    try {
      await resolveGuarded(target.host, policy);
    } catch (error) {
      if (isBlockedAddressError(error)) throw invalidField("url", `refused: ${error.message}`);
      throw invalidField("url", `cannot resolve ${target.host}`);
    }
  }
  return target.url;
}

/**
 * Counts (dry run) or starts a bulk replay of every delivery matching a feed filter. A dry
 * run with a target checks it too; one without only counts.
 */
export async function startBulkReplay(options: { input: BulkInput }): Promise<BulkStart> {
  const { input } = options;
  const settings = replaySettings();
  const url = input.url === undefined ? null : await checkTarget(input.url, settings.allowPrivate);
  const filter = deliveryFilterSchema.parse(input.filter);
  const endpointId = input.mode === "endpoint" ? input.endpoint_id : null;
  const recipe: BulkJob["recipe"] =
    endpointId === null
      ? { mode: "exact" }
      : { mode: "endpoint", robot: await endpointRobot({ id: endpointId }) };
  const { total, maxId } = await countBulkTargets(filter);
  if (input.dry_run) return { dry_run: true, total };
  // bulkInputSchema asks for a url unless dry_run.
  if (!url) throw invalidField("url", "url is required");

  const row = await getPrisma().bulkReplay.create({
    data: {
      url: url.toString(),
      mode: input.mode,
      endpointId,
      filter: JSON.stringify(input.filter),
      state: total === 0 ? "done" : "running",
      total,
      concurrency: input.concurrency ?? settings.concurrency,
      maxId,
      timeoutMs: input.timeout_ms ?? null,
      finishedAt: total === 0 ? new Date() : null,
    },
  });
  const bulk = bulkView(row);
  if (total > 0) {
    // Runs on after the answer, here as soon as its job lock is held (at once on SQLite);
    // its progress is read from the row or the stream.
    runUnderLock(bulk.id, { bulk, filter, maxId, recipe, timeoutMs: input.timeout_ms });
  }
  return { dry_run: false, bulk };
}
