/**
 * The bodies received in the last retry window, by endpoint and body hash, so that a
 * re-send is recognised without an index on random hashes (which cost the ingest path
 * more than any other index). Entries are kept in order of last arrival; the oldest go
 * once they leave the window, or when the cap is reached under extreme load.
 */
type Entry = { rootId: number; lastAt: number };

export class RecentBodies {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 500_000,
  ) {}

  /** The first delivery of a chain of identical bodies still inside the window, or null. */
  find(key: string, at: number): number | null {
    const entry = this.entries.get(key);
    return entry && entry.lastAt >= at - this.windowMs ? entry.rootId : null;
  }

  /** Records an arrival; returns a function that takes it back (for a rolled-back write). */
  remember(key: string, rootId: number, at: number): () => void {
    const previous = this.entries.get(key);
    this.entries.delete(key);
    this.entries.set(key, { rootId, lastAt: at });
    this.evict(at);
    return () => {
      this.entries.delete(key);
      if (previous) this.entries.set(key, previous);
    };
  }

  get size() {
    return this.entries.size;
  }

  private evict(now: number) {
    for (const [key, entry] of this.entries) {
      if (entry.lastAt >= now - this.windowMs && this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}
