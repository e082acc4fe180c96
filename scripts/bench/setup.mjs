// What the benchmark needs before measuring: a current lib/, the browser toms would use, the other tools, and
// a description of the machine the numbers come from.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Runs `npm run compile` when a file of src/ is newer than the bundle the CLI runs (lib/bundle/); returns what it did. */
export function ensureCompiled() {
  const newest = (dir, ext) =>
    walk(path.join(root, dir))
      .filter((f) => f.endsWith(ext))
      .reduce((t, f) => Math.max(t, fs.statSync(f).mtimeMs), 0);
  const bundle = fs.statSync(path.join(root, "lib/bundle/main.js"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (bundle > 0 && newest("src", ".ts") <= bundle && newest("lib", ".js") <= bundle) return "lib/ is current";
  const result = spawnSync("npm", ["run", "compile"], { cwd: root, encoding: "utf8" });
  if (result.status === 0) return "lib/ was stale: compiled";
  return `lib/ is stale and \`npm run compile\` failed (measuring the old lib/):\n${(result.stdout + result.stderr).trim().split("\n").slice(-5).join("\n")}`;
}

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The browser toms would print with (through its own lookup in lib/), or undefined with the reason. */
export async function browser() {
  try {
    const { locateBrowser } = await import(pathToFileURL(path.join(root, "lib/pdf/launch.js")).href);
    return { executable: (await locateBrowser()).executable };
  } catch (error) {
    return { missing: error.message };
  }
}

/** The first line `command --version` prints, or undefined when the command is not installed. */
export function version(command) {
  try {
    const out = execFileSync(command, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return out.trim().split("\n")[0];
  } catch {
    return undefined;
  }
}

/** Lines describing the machine, its load and the tools measured. */
export function machine(executable) {
  const cpus = os.cpus();
  return [
    `cpu       ${os.availableParallelism()} cores, ${cpus[0]?.model ?? "unknown"}; ${Math.round(os.totalmem() / 2 ** 30)} GB RAM; ${os.type()} ${os.release()}`,
    `load      ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} (1, 5, 15 min) at start`,
    `node      ${process.version}`,
    `chromium  ${executable ? `${version(executable) ?? "unknown version"} (${executable})` : "not found"}`,
    `pandoc    ${version("pandoc") ?? "not installed"}`,
    `weasyprint ${version("weasyprint") ?? "not installed"}`,
  ];
}
