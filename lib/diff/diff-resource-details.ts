/**
 * Field-level diff of two resource_details snapshots, in the shape the API returns:
 * object keys as strings, array positions as numbers (the position in the newer snapshot,
 * or in the older one for a removal). Pure and framework-free.
 *
 * A hand-written walker rather than jsondiffpatch: its delta format would need a second
 * pass to become these paths, its id-matched arrays go through an LCS that also reports
 * moves we do not want, and it was several times slower on a 1 MB pair
 * (scripts/bench-diff-jsondiffpatch.ts measures both).
 */

export type DiffPath = (string | number)[];

export type DiffOp = "added" | "removed" | "changed";

export type DiffEntry = {
  path: DiffPath;
  op: DiffOp;
  /** Present for removed and changed. */
  before?: unknown;
  /** Present for added and changed. */
  after?: unknown;
};

export type DiffOptions = {
  /**
   * The key that identifies the objects of a list. A list whose items are all objects
   * with a unique string or number under this key is matched by it, so reordering the
   * list is not a change; any other list is compared position by position.
   */
  idKey?: string;
};

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The value of an own key of a parsed JSON object, or undefined when it has none (JSON
 * holds no undefined and no functions, so an inherited `toString` or `constructor` reads
 * as absent; only `__proto__` needs the slower check).
 */
function own(record: Json, key: string): unknown {
  const value = record[key];
  if (value === undefined || typeof value === "function") return undefined;
  return key === "__proto__" && !Object.hasOwn(record, key) ? undefined : value;
}

/** The item index of each id, or null when the list cannot be matched by id. */
function indexById(list: unknown[], idKey: string): Map<string | number, number> | null {
  const index = new Map<string | number, number>();
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isObject(item) || !Object.hasOwn(item, idKey)) return null;
    const id = item[idKey];
    if ((typeof id !== "string" && typeof id !== "number") || index.has(id)) return null;
    index.set(id, i);
  }
  return index;
}

class Walker {
  readonly entries: DiffEntry[] = [];
  /** The path of the node being compared; copied only when an entry is emitted. */
  private readonly path: DiffPath = [];

  constructor(private readonly idKey: string) {}

  private emit(op: DiffOp, segment: string | number, before: unknown, after: unknown) {
    const path = this.path.slice();
    path.push(segment);
    if (op === "added") this.entries.push({ path, op, after });
    else if (op === "removed") this.entries.push({ path, op, before });
    else this.entries.push({ path, op, before, after });
  }

  /** Compares two values found under `segment` of the current path. */
  compare(segment: string | number, before: unknown, after: unknown) {
    if (before === after) return;
    const beforeIsArray = Array.isArray(before);
    if (beforeIsArray && Array.isArray(after)) return this.descend(segment, before, after);
    if (!beforeIsArray && isObject(before) && isObject(after)) {
      return this.descend(segment, before, after);
    }
    this.emit("changed", segment, before, after);
  }

  private descend(segment: string | number, before: Json | unknown[], after: Json | unknown[]) {
    this.path.push(segment);
    if (Array.isArray(before)) this.arrays(before, after as unknown[]);
    else this.objects(before, after as Json);
    this.path.pop();
  }

  objects(before: Json, after: Json) {
    // Object.keys and one read per key: a for-in with hasOwn checks took twice as long
    // on an object of 100,000 keys (issue 13).
    for (const key of Object.keys(after)) {
      const previous = own(before, key);
      if (previous !== undefined) this.compare(key, previous, after[key]);
      else this.emit("added", key, undefined, after[key]);
    }
    for (const key of Object.keys(before)) {
      if (own(after, key) === undefined) this.emit("removed", key, before[key], undefined);
    }
  }

  arrays(before: unknown[], after: unknown[]) {
    const beforeIds = before.length > 0 ? indexById(before, this.idKey) : null;
    const afterIds = beforeIds && after.length > 0 ? indexById(after, this.idKey) : null;
    if (beforeIds && afterIds) return this.arraysById(before, after, beforeIds, afterIds);
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i++) this.compare(i, before[i], after[i]);
    for (let i = common; i < after.length; i++) this.emit("added", i, undefined, after[i]);
    for (let i = common; i < before.length; i++) this.emit("removed", i, before[i], undefined);
  }

  private arraysById(
    before: unknown[],
    after: unknown[],
    beforeIds: Map<string | number, number>,
    afterIds: Map<string | number, number>,
  ) {
    for (const [id, i] of afterIds) {
      const j = beforeIds.get(id);
      if (j === undefined) this.emit("added", i, undefined, after[i]);
      else this.compare(i, before[j], after[i]);
    }
    for (const [id, j] of beforeIds) {
      if (!afterIds.has(id)) this.emit("removed", j, before[j], undefined);
    }
  }
}

/**
 * Lists what changed from `before` to `after`. Added and removed subtrees are one entry
 * each (a new disk is one `added`, not one per field); a value whose type changes
 * (object to string, list to object) is one `changed`. A key that is missing is not the
 * same as a key that holds null: null to missing is `removed`, missing to null `added`.
 * Two values that are not both objects or both lists are compared as a whole, so the
 * result for two top-level primitives is one `changed` entry at the empty path.
 */
export function diffResourceDetails(
  before: unknown,
  after: unknown,
  options: DiffOptions = {},
): DiffEntry[] {
  const walker = new Walker(options.idKey ?? "id");
  if (before === after) return walker.entries;
  if (Array.isArray(before) && Array.isArray(after)) walker.arrays(before, after);
  else if (isObject(before) && isObject(after)) walker.objects(before, after);
  else walker.entries.push({ path: [], op: "changed", before, after });
  return walker.entries;
}
