import fs from "node:fs";
import path from "node:path";
import { formatDiagnostics, type ReportFormat } from "../diagnostics/format.js";
import { check } from "../commands/check.js";
import { githubAnnotations, githubSummary } from "../diagnostics/github.js";
import { remembering } from "../diagnostics/sources.js";
import { diskFs } from "../load/content-fs.js";
import { printable } from "../util/terminal.js";
import { drawFor } from "./output.js";
import { contentFolderProblem } from "./content-folder.js";

/** `toms check`: prints every problem of the content and returns 1 when there is an error, 2 for a content folder that is not there. */
export function runCheck(options: { content: string; format: ReportFormat; today?: string }): number {
  const problem = contentFolderProblem(options.content);
  if (problem) {
    process.stderr.write(`toms: ${printable(problem)}.\n`);
    return 2;
  }
  // The files as the check reads them are kept for the code frames: nothing is read twice.
  const { fs: contentFs, sources } = remembering(diskFs(path.resolve(options.content)));
  const { diagnostics } = check(options.content, contentFs, options.today === undefined ? {} : { today: options.today });
  const list = diagnostics.sorted();
  if (options.format === "github") {
    const written = writeStepSummary(githubSummary(list));
    process.stdout.write(githubAnnotations(list, { summaryWritten: written }));
  } else if (options.format === "json") {
    process.stdout.write(formatDiagnostics(list, "json"));
  } else {
    const stream = list.length > 0 ? process.stderr : process.stdout;
    stream.write(formatDiagnostics(list, "text", process.cwd(), { sources, ...drawFor(stream) }));
  }
  return diagnostics.hasErrors ? 1 : 0;
}

// Appends to the job summary of a GitHub Actions step; false outside a workflow or when it cannot be written, which
// costs the summary but not the check.
function writeStepSummary(markdown: string): boolean {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  try {
    fs.appendFileSync(file, markdown);
    return true;
  } catch (error) {
    process.stderr.write(`toms: cannot write the job summary to ${printable(file)} (${(error as NodeJS.ErrnoException).code ?? "error"}).\n`);
    return false;
  }
}
