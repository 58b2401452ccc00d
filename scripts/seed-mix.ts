/** The mix of deliveries seed-deliveries.ts writes: seeded, so two runs build the same database. */

/** A small seeded PRNG (mulberry32), so two runs build the same database. */
let state = 0x9e3779b9;
export function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
export function weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let pick = random() * total;
  for (const [item, weight] of items) if ((pick -= weight) < 0) return item;
  return items[items.length - 1]![0];
}

// [type, weight, resources in the pool, actions with weights]
const COMMON = [
  ["update", 4],
  ["sync_status", 3],
  ["status_changed", 3],
  ["create", 2],
  ["delete", 1],
] as const;
const TYPES = [
  [
    "server",
    30,
    3000,
    [
      ...COMMON,
      ["start", 3],
      ["stop", 3],
      ["restart", 1],
      ["change_config", 1],
      ["rebuild_root", 0.5],
      ["migrate", 0.5],
      ["panic", 0.1],
    ],
  ],
  ["disk", 15, 4000, [...COMMON, ["resize", 1], ["attach", 1], ["detach", 1]]],
  [
    "host",
    8,
    200,
    [
      ["update", 4],
      ["sync_status", 4],
      ["host_down", 0.3],
      ["offline", 0.3],
    ],
  ],
  ["eip", 6, 800, [...COMMON, ["attach", 1], ["detach", 1]]],
  ["network", 5, 300, COMMON],
  [
    "snapshot",
    5,
    2000,
    [
      ["create", 3],
      ["delete", 2],
      ["sync_create", 1],
    ],
  ],
  ["image", 4, 300, COMMON],
  ["dbinstance", 3, 200, [...COMMON, ["reset_password", 0.5]]],
  [
    "bucket",
    3,
    200,
    [
      ["sync_create", 1],
      ["sync_update", 3],
      ["sync_delete", 0.5],
    ],
  ],
  ["vpc", 2, 100, COMMON],
  ["secgroup", 2, 300, COMMON],
  ["loadbalancer", 2, 100, COMMON],
  [
    "user",
    3,
    500,
    [
      ["create", 1],
      ["update", 2],
      ["lock", 0.5],
      ["password_expire_soon", 0.5],
    ],
  ],
  [
    "project",
    1,
    100,
    [
      ["create", 1],
      ["update", 2],
      ["delete", 0.3],
    ],
  ],
  [
    "webapp",
    1,
    50,
    [
      ["create", 1],
      ["update", 2],
      ["exception", 0.2],
    ],
  ],
] as const;
export const TYPE_WEIGHTS = TYPES.map((type) => [type, type[1]] as const);
