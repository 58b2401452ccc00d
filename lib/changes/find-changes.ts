import { changePage, indexResourceChanges, type ChangeRow } from "../db/queries/changes";
import { cursorPage, lookaheadLimit, type CursorPage } from "../http/cursor-page";
import { noiseMatcher } from "../diff/noise-fields";
import type { DiffPath } from "../diff/diff-resource-details";
import { getNoiseFields } from "../resources/get-noise-fields";
import type { ChangeListQuery, ResourceChangeItem } from "./change-types";

function toItem(row: ChangeRow, isNoise: (path: DiffPath) => boolean): ResourceChangeItem {
  const { before, after, changed_at, ...rest } = row;
  const path = JSON.parse(row.path) as DiffPath;
  return {
    ...rest,
    path,
    ...(before !== null ? { before: JSON.parse(before) as unknown } : {}),
    ...(after !== null ? { after: JSON.parse(after) as unknown } : {}),
    noise: isNoise(path),
    changed_at: new Date(changed_at).toISOString(),
  };
}

/**
 * GET /api/changes: field changes of resources, newest first. Indexes what arrived since
 * the last call first, so a change is findable as soon as its delivery was answered.
 */
export async function findChanges(query: ChangeListQuery): Promise<CursorPage<ResourceChangeItem>> {
  await indexResourceChanges();
  const rows = await changePage(query, lookaheadLimit(query.limit));
  const isNoise = noiseMatcher(await getNoiseFields());
  return cursorPage(rows, query.limit, {
    item: (row) => toItem(row, isNoise),
    cursor: (last) => `${last.changed_at}:${last.id}`,
  });
}
