/** What a resume hands back: the held arrivals, oldest first, and whether some were let go. */
export type Released<T> = { items: T[]; gap: boolean };

/**
 * The live feed's pause, without React: while paused, arrivals are held and counted. Only
 * the newest `limit` are kept; when older ones are let go, the resume says so (`gap`), and
 * the feed then restarts from the kept rows so that scrolling fetches what was let go.
 */
export class PauseBuffer<T> {
  #paused = false;
  #held: T[] = [];
  #count = 0;
  #dropped = false;

  constructor(private readonly limit: number) {}

  get paused(): boolean {
    return this.#paused;
  }

  /** Arrivals since the pause, those let go included. */
  get count(): number {
    return this.#count;
  }

  pause() {
    this.#paused = true;
  }

  /** Takes an arrival: true when it is to be shown now, false when it was held. */
  offer(item: T): boolean {
    if (!this.#paused) return true;
    this.#count += 1;
    this.#held.push(item);
    if (this.#held.length > this.limit) {
      this.#held.shift();
      this.#dropped = true;
    }
    return false;
  }

  /** Ends the pause and hands back what was held. */
  resume(): Released<T> {
    const released = { items: this.#held, gap: this.#dropped };
    this.#paused = false;
    this.clear();
    return released;
  }

  /** Forgets what was held (a new filter starts over), paused or not. */
  clear() {
    this.#held = [];
    this.#count = 0;
    this.#dropped = false;
  }
}
