import path from "node:path";
import { build } from "../commands/build.js";
import { formatDiagnostics } from "../diagnostics/format.js";
import { sourcesFrom } from "../diagnostics/sources.js";
import { diskFs } from "../load/content-fs.js";
import { sourceDateEpochProblem } from "../pdf/build-date.js";
import { unsafeOutput } from "../publish/guard.js";
import { printable } from "../util/terminal.js";
import { drawFor } from "./output.js";
import { contentFolderProblem } from "./content-folder.js";
import { steps } from "./progress.js";

/** What `toms build` was asked to do. */
export interface BuildCommand {
  content: string;
  out: string;
  pdf: boolean;
  archive: boolean;
  /** Every step as a line (as all builds printed before), not only the result. */
  verbose?: boolean;
}

/**
 * `toms build`: checks, then writes the site; prints problems and the result (the steps only on a terminal, as
 * one updating line, or with --verbose). Returns 1 for content errors or a failed build, 2 for wrong usage: a
 * content folder that is not there, an --out the build would destroy, a SOURCE_DATE_EPOCH no PDF can carry.
 */
export async function runBuild(options: BuildCommand): Promise<number> {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const problem =
    contentFolderProblem(options.content) ??
    unsafeOutput(options.out, options.content) ??
    (options.pdf && epoch !== undefined && epoch !== "" ? sourceDateEpochProblem(epoch) : undefined);
  if (problem) {
    process.stderr.write(`toms: ${printable(problem).replace(/\.?$/, ".")}\n`);
    return 2;
  }
  try {
    return await report(options);
  } finally {
    // All of ours is done (the browser closed or killed), but puppeteer can keep a timer of a call the dead browser
    // never answered (newPage's 30 s waitForTarget) and hold the process that long: leave once the output drained.
    setTimeout(() => process.exit(), 1_000).unref();
  }
}

async function report(options: BuildCommand): Promise<number> {
  const started = performance.now();
  const { verbose = false, ...buildOptions } = options;
  const progress = steps(process.stdout, { verbose });
  let result: Awaited<ReturnType<typeof build>>;
  try {
    result = await build({ ...buildOptions, log: (line) => progress.step(line) });
  } catch (error) {
    progress.done();
    // Neither the content nor the browser: the file system refused (--out below a file, no space, no permission).
    // build() has discarded its staging folder, so the output is as it was. Anything else is a bug: its stack stays.
    if (typeof (error as NodeJS.ErrnoException).code !== "string") throw error;
    const out = printable(options.out);
    process.stderr.write(`toms: cannot write the site to ${out} (${printable((error as Error).message)}).\ntoms: nothing was written; ${out} is unchanged.\n`);
    return 1;
  }
  progress.done();
  const list = result.diagnostics.sorted();
  if (list.length > 0) {
    // The build read the files already, but keeps no texts: the few with problems are read again for their frames.
    const root = path.resolve(options.content);
    const sources = sourcesFrom(diskFs(root), root);
    process.stderr.write(formatDiagnostics(list, "text", process.cwd(), { sources, ...drawFor(process.stderr) }));
  }
  const out = printable(options.out);
  if (!result.ok) {
    if (result.failure) process.stderr.write(`toms: ${printable(result.failure)}\n`);
    process.stderr.write(`toms: nothing was written; ${out} is unchanged.\n`);
    return 1;
  }
  const ms = Math.round(performance.now() - started);
  const how = result.recorded ? ` (as published from commit ${result.recorded.slice(0, 12)})` : "";
  process.stdout.write(`✓ ${result.annexes} ${result.annexes === 1 ? "annex" : "annexes"} written to ${out}${how} in ${ms} ms\n`);
  // On stdout with the rest of the build's report: a draft is a successful build, not a problem.
  if (result.draft)
    process.stdout.write(
      `toms: this is a draft, not a publishable version: ${printable(result.draft)}. Pages and PDFs say so; nothing was archived or listed with a SHA-256. Commit the changes to build the version.\n`,
    );
  return 0;
}
