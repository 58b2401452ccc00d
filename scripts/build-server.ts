/**
 * `npm run build`'s second step: compiles server.ts into one ES module beside Next's
 * build. Production then runs plain `node` on it instead of tsx, which spares the
 * runtime TypeScript loader: about 70 MB less resident memory for the server's whole
 * life (issue 19) and a faster start. esbuild, which tsx itself runs on, does the
 * bundling; every package stays external, loaded from node_modules as before.
 */
import { build } from "esbuild";
import path from "node:path";
import { SEARCH_WORKER_BUNDLE, serverBundlePath } from "../lib/build/server-bundle";

const root = process.cwd();
const options = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: `node${process.versions.node.split(".")[0]}`,
  packages: "external",
  logLevel: "warning",
} as const;
await build({ ...options, entryPoints: ["server.ts"], outfile: serverBundlePath(root) });
// A worker thread loads a file of its own: the search reader's, beside the server.
await build({
  ...options,
  entryPoints: ["lib/search/search-index-worker.ts"],
  outfile: path.join(path.dirname(serverBundlePath(root)), SEARCH_WORKER_BUNDLE),
});
