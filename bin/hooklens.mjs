#!/usr/bin/env node
// The `hooklens` command: `npx hooklens listen …`. The code is TypeScript, run through tsx
// (which `npm run serve` relies on as well).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../lib/listen/cli.ts");
process.exitCode = await main(process.argv.slice(2));
