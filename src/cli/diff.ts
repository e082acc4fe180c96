import fs from "node:fs";
import path from "node:path";
import { formatDiagnostics } from "../diagnostics/format.js";
import { diffContent, type DiffResult } from "../diff/diff.js";
import { GitUsageError } from "../diff/git.js";
import { jsonReport } from "../diff/json.js";
import { markdownReport } from "../diff/report-markdown.js";
import { printable } from "../util/terminal.js";
import { drawFor } from "./output.js";

/**
 * `toms diff BASE [HEAD]`: prints what changed in the annexes (Markdown cut to fit a
 * pull-request comment, or JSON), writes the full report to `--report FILE`, and returns
 * 1 for content errors, a missing version bump or a new version without its history entry, 2 for a bad repository or revision.
 */
export async function runDiff(o: { content: string; base: string; head?: string; format: "markdown" | "json"; report?: string }): Promise<number> {
  let result: DiffResult;
  try {
    result = diffContent({ content: o.content, base: o.base, ...(o.head !== undefined && { head: o.head }) });
  } catch (error) {
    if (!(error instanceof GitUsageError)) throw error;
    process.stderr.write(`toms: ${printable(error.message)}\n`);
    return 2;
  }
  if (o.report !== undefined) {
    const full = o.format === "json" ? jsonReport(result) : markdownReport(result, { limit: Number.POSITIVE_INFINITY }).text;
    try {
      fs.mkdirSync(path.dirname(path.resolve(o.report)), { recursive: true });
      fs.writeFileSync(o.report, full);
    } catch (error) {
      process.stderr.write(`toms: cannot write the report to ${o.report}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
  }
  process.stdout.write(o.format === "json" ? jsonReport(result) : markdownReport(result, { ...(o.report !== undefined && { reportFile: o.report }) }).text);
  const draw = drawFor(process.stderr);
  if (result.broken) {
    const side = result[result.broken];
    process.stderr.write(`toms: the content at ${printable(side.label)} has errors, so nothing was compared:\n`);
    process.stderr.write(formatDiagnostics(side.diagnostics.sorted(), "text", process.cwd(), { sources: side.sources, ...draw }));
    return 1;
  }
  // The version discipline's problems are at HEAD's site.yaml.
  const problems = result.diagnostics.sorted();
  if (problems.length > 0) process.stderr.write(formatDiagnostics(problems, "text", process.cwd(), { sources: result.head.sources, ...draw }));
  return result.diagnostics.hasErrors ? 1 : 0;
}
