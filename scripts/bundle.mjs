// Bundles the compiled CLI (lib/, from tsc) into lib/bundle/, which bin/toms.js runs: node then loads a few
// files instead of 363 modules (`toms check`; 614 for a build), which took a third of the check's time.
// Commands stay lazy: each one is its own chunk, and puppeteer-core and @puppeteer/browsers stay outside (loaded only to print).
// lib/bundle/ is two folders below the package like every module of lib/, so paths made from
// import.meta.url (templates/, schemas/) stay right.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const outdir = fileURLToPath(new URL("../lib/bundle/", import.meta.url));
// Chunk names carry a hash: chunks of an earlier bundle would pile up.
fs.rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: [fileURLToPath(new URL("../lib/cli/main.js", import.meta.url))],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["puppeteer-core", "@puppeteer/browsers"],
  // Some dependencies are CommonJS and call require(): give the ES module bundle one.
  banner: { js: 'import { createRequire as tomsCreateRequire } from "node:module"; const require = tomsCreateRequire(import.meta.url);' },
  logLevel: "warning",
});
console.log("lib/bundle/ written");
