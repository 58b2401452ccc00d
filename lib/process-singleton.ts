/**
 * One value per process, kept on globalThis under `Symbol.for("hooklens.<name>")`: the
 * custom server (server.ts) and Next's bundle load separate copies of each module in the
 * same process, so a module-level variable would exist twice. `create` runs on first use.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`hooklens.${name}`);
  const holder = globalThis as Record<symbol, T | undefined>;
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}
