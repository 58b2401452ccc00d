import "server-only";
import { getPrisma } from "../db/prisma";
import { invalidField } from "../http/api-error";
import { destinationView, type DestinationView } from "./destination-view";
import { replaySettings } from "./replay-settings";
import { checkTargetUrl } from "./target-url";

/** Saves a replay target by URL; saving a URL again renames it. A URL the guard refuses
 *  outright is not saved (names are checked again each time one is used). */
export async function saveDestination(options: {
  name: string;
  url: string;
}): Promise<DestinationView> {
  const target = checkTargetUrl(options.url, { allowPrivate: replaySettings().allowPrivate });
  if (!target.ok) throw invalidField("url", target.reason);
  const url = target.url.toString();
  const row = await getPrisma().replayDestination.upsert({
    where: { url },
    create: { name: options.name, url },
    update: { name: options.name },
  });
  return destinationView(row);
}
