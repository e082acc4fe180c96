import { formatDiagnostics, type ReportFormat } from "../diagnostics/format.js";
import { checkContent } from "../validate/check.js";

/** `toms check`: prints every problem of the content and returns 1 when there is an error. */
export function runCheck(options: { content: string; format: ReportFormat }): number {
  const { diagnostics } = checkContent(options.content);
  const list = diagnostics.sorted();
  const output = formatDiagnostics(list, options.format);
  (options.format === "text" && list.length > 0 ? process.stderr : process.stdout).write(output);
  return diagnostics.hasErrors ? 1 : 0;
}
