import { inject } from "vitest";

/**
 * The two ways the receiver is served (global-setup.ts starts one server for each): a
 * receiver test runs against both, `describe.each(TRANSPORTS)("... via %s", (_name, base) => …)`.
 */
export const TRANSPORTS: Array<[name: string, baseUrl: () => string]> = [
  ["fast transport", () => inject("baseUrl")],
  ["route handler", () => inject("routeBaseUrl")],
];
