import { resourceTypeCounts } from "../db/queries/resources";
import type { ResourceTypeCount } from "./resource-types";

/** Every resource type seen, with how many resources of it, for the type filter. */
export function countResourceTypes(): Promise<ResourceTypeCount[]> {
  return resourceTypeCounts.all();
}
