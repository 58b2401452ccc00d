import "server-only";
import { cancelBulk } from "./bulk-registry";
import type { BulkView } from "./bulk-view";
import { getBulkReplay } from "./get-bulk-replay";

/** Stops a running bulk replay and answers its state once it has stopped. Cancelling one
 *  that has finished changes nothing. */
export async function cancelBulkReplay(options: { id: number }): Promise<BulkView> {
  await getBulkReplay(options); // 404 for an unknown id
  await cancelBulk(options.id);
  return getBulkReplay(options);
}
