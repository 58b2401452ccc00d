import { processSingleton } from "../process-singleton";
type Json = Record<string, unknown>;

/**
 * Parsed resource_details by delivery id, least recently used dropped first. A stored
 * delivery never changes, so an entry never goes stale; reopening a timeline (a new
 * delivery arrived, a step's state or a comparison was asked for) then reads and parses
 * only what it has not seen. Callers share the objects: they must never mutate them.
 * Bounded by the bytes the deliveries had on the wire.
 */
export class DetailsCache {
  private readonly entries = new Map<number, { details: Json | null; bytes: number }>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(deliveryId: number): Json | null | undefined {
    const entry = this.entries.get(deliveryId);
    if (!entry) return undefined;
    this.entries.delete(deliveryId);
    this.entries.set(deliveryId, entry);
    return entry.details;
  }

  set(deliveryId: number, details: Json | null, bytes: number) {
    if (bytes > this.maxBytes) return;
    const previous = this.entries.get(deliveryId);
    if (previous) this.bytes -= previous.bytes;
    this.entries.set(deliveryId, { details, bytes });
    this.bytes += bytes;
    for (const [id, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(id);
      this.bytes -= entry.bytes;
    }
  }

  clear() {
    this.entries.clear();
    this.bytes = 0;
  }

  get size() {
    return this.entries.size;
  }
}

const MAX_BYTES = 16 * 1024 * 1024;

/** One cache per process, shared by every route bundle. */
export function getDetailsCache(): DetailsCache {
  return processSingleton("resource-details-cache", () => new DetailsCache(MAX_BYTES));
}
