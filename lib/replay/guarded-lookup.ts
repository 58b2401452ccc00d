import { promises as dns, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { checkAddress, type GuardPolicy } from "./address-guard";

/**
 * The `lookup` a replay's socket connects with: it resolves the host name and refuses
 * the connection when any resolved address is refused by the guard. Because the check
 * runs on the very addresses the socket then connects to, a name that resolved to a
 * public address when the URL was typed and to 169.254.169.254 now (DNS rebinding)
 * is still refused. Nothing is written to the socket before this answers.
 */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  dns.lookup(hostname, { all: true, verbatim: true });

/** The error a refused lookup fails the connection with. */
export class BlockedAddressError extends Error {
  readonly code = "EHOOKLENS_BLOCKED";
  constructor(
    readonly hostname: string,
    readonly reason: string,
  ) {
    super(`${hostname}: ${reason}`);
  }
}

export function isBlockedAddressError(error: unknown): error is BlockedAddressError {
  return error instanceof Error && (error as { code?: unknown }).code === "EHOOKLENS_BLOCKED";
}

/** Resolves and checks every address; throws BlockedAddressError on the first refused. */
export async function resolveGuarded(
  hostname: string,
  policy: GuardPolicy,
  resolve: Resolver = systemResolver,
): Promise<LookupAddress[]> {
  const addresses = await resolve(hostname);
  if (addresses.length === 0)
    throw Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" });
  for (const { address } of addresses) {
    const verdict = checkAddress(address, policy);
    if (!verdict.allowed) throw new BlockedAddressError(hostname, `resolves to ${verdict.reason}`);
  }
  return addresses;
}

export function guardedLookup(
  policy: GuardPolicy,
  resolve: Resolver = systemResolver,
): LookupFunction {
  return (hostname, options, callback) => {
    resolveGuarded(hostname, policy, resolve).then(
      (all) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = family ? all.filter((entry) => entry.family === family) : all;
        const [first] = usable;
        if (!first) {
          const error = Object.assign(new Error(`${hostname} has no IPv${family} address`), {
            code: "ENOTFOUND",
          });
          callback(error, "", 0);
        } else if (options.all) {
          callback(null, usable);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}
