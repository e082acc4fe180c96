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

// The theme's sanitizers need an XML, an HTML and a CSS parser (about 1 MB): they go into a CommonJS bundle of their
// own, lib/bundle/theme-tools.cjs, which the check requires on first use (src/theme/tools-loader.ts says so), so content
// without a logo or templates/ never loads them, and the check stays synchronous.
const themeTools = {
  name: "theme-tools",
  setup(build) {
    build.onResolve({ filter: /\/tools-loader\.js$/ }, () => ({ path: "tools-loader", namespace: "theme-tools" }));
    build.onLoad({ filter: /.*/, namespace: "theme-tools" }, () => ({
      contents:
        'import { createRequire } from "node:module";\nlet tools;\nexport function themeTools() { return (tools ??= createRequire(import.meta.url)("./theme-tools.cjs")); }\n',
      loader: "js",
    }));
  },
};

await build({
  entryPoints: [fileURLToPath(new URL("../lib/theme/tools.js", import.meta.url))],
  outfile: fileURLToPath(new URL("theme-tools.cjs", new URL("../lib/bundle/", import.meta.url))),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  logLevel: "warning",
});

await build({
  plugins: [themeTools],
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
