import path from "node:path";

/**
 * Where `npm run build` puts the compiled custom server (server.ts and the lib code it
 * imports, bundled; packages stay in node_modules): beside Next's build, in the same
 * folder, so that a build folder always holds a server of the same sources.
 */
export function serverBundlePath(root: string, distDir = process.env.NEXT_DIST_DIR ?? ".next") {
  return path.join(root, distDir, "hooklens-server.mjs");
}

/** The payload search reader's worker thread (lib/search/search-index-worker.ts), compiled
 *  beside the server by the same step. */
export const SEARCH_WORKER_BUNDLE = "hooklens-search-worker.mjs";
