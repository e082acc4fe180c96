import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The packed file (toms-x.y.z.tgz) the running toms was installed from, if it was: by `npx --package ./toms.tgz`
 * (npx writes the spec into its cache's package.json) or `npm install ./toms.tgz` in a project. toms is not on the
 * npm registry: a new repository that names it by version would ask the registry for it, fail, and — should anyone
 * ever register the name — install a stranger's package. So init copies the file into the repository (vendor/) and
 * installs it from there, which also works in CI.
 */
export function runningTarball(packageRoot = fileURLToPath(new URL("../../", import.meta.url))): string | undefined {
  const parent = path.dirname(path.resolve(packageRoot));
  if (path.basename(parent) !== "node_modules") return undefined;
  const installRoot = path.dirname(parent);
  let json: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  try {
    json = JSON.parse(fs.readFileSync(path.join(installRoot, "package.json"), "utf8"));
  } catch {
    return undefined;
  }
  const spec = json.dependencies?.toms ?? json.devDependencies?.toms;
  if (typeof spec !== "string" || !spec.startsWith("file:") || !/\.tgz$/i.test(spec)) return undefined;
  const file = path.resolve(installRoot, spec.slice("file:".length));
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ? file : undefined;
}
