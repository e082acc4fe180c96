import { formatDiagnostics, type ReportFormat } from "../diagnostics/format.js";
import { check } from "../commands/check.js";
import { contentFolderProblem } from "./content-folder.js";

/** `toms check`: prints every problem of the content and returns 1 when there is an error, 2 for a content folder that is not there. */
export function runCheck(options: { content: string; format: ReportFormat }): number {
  const problem = contentFolderProblem(options.content);
  if (problem) {
    process.stderr.write(`toms: ${problem}.\n`);
    return 2;
  }
  const { diagnostics } = check(options.content);
  const list = diagnostics.sorted();
  const output = formatDiagnostics(list, options.format);
  (options.format === "text" && list.length > 0 ? process.stderr : process.stdout).write(output);
  return diagnostics.hasErrors ? 1 : 0;
}
