/**
 * `npm run build`'s second step: compiles server.ts into one ES module beside Next's
 * build. Production then runs plain `node` on it instead of tsx, which spares the
 * runtime TypeScript loader: about 70 MB less resident memory for the server's whole
 * life (issue 19) and a faster start. esbuild, which tsx itself runs on, does the
 * bundling; every package stays external, loaded from node_modules as before.
 */
import { build } from "esbuild";
import { serverBundlePath } from "../lib/build/server-bundle";

const root = process.cwd();
await build({
  entryPoints: ["server.ts"],
  outfile: serverBundlePath(root),
  bundle: true,
  platform: "node",
  format: "esm",
  target: `node${process.versions.node.split(".")[0]}`,
  packages: "external",
  logLevel: "warning",
});
