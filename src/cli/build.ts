import { build } from "../build.js";
import { formatDiagnostics } from "../diagnostics/format.js";

/** `toms build`: checks, then writes the site; prints problems and one line per written annex. */
export async function runBuild(options: { content: string; out: string; pdf: boolean }): Promise<number> {
  const started = performance.now();
  const result = await build({ ...options, log: (line) => process.stdout.write(`${line}\n`) });
  const list = result.diagnostics.sorted();
  if (list.length > 0) process.stderr.write(formatDiagnostics(list, "text"));
  if (!result.ok) {
    if (result.failure) process.stderr.write(`toms: ${result.failure}\n`);
    process.stderr.write(`toms: nothing was written; ${options.out} is unchanged.\n`);
    return 1;
  }
  const ms = Math.round(performance.now() - started);
  process.stdout.write(`✓ ${result.pages.length} annexes written to ${options.out} in ${ms} ms\n`);
  return 0;
}
