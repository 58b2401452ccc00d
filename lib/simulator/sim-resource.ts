import type { Random } from "./random";

/** One resource the simulated platform holds, with the details view the API would return. */
export type SimResource = {
  type: string;
  id: string;
  /** The details view: what create/update events carry as resource_details. */
  details: Record<string, unknown>;
  /** The columns of its database table: what delete and sync_delete carry (a bare row). */
  columns: readonly string[];
  /** "cloud" resources come from a cloud account and change through sync_* events. */
  origin: "local" | "cloud";
};

/** What a resource builder may look at: the dice, the clock, other live resources. */
export type BuildContext = {
  random: Random;
  now: string;
  /** A live resource of that type, if there is one (a server's host, a disk's storage). */
  related: (type: string) => SimResource | undefined;
};
