import type { Diagnostic } from "./diagnostic.js";
import { githubAnnotations } from "./github.js";
import { rules } from "./rules.js";
import { formatText, type TextOptions } from "./text.js";
import { relativePosix } from "../util/paths.js";
import { printableJson } from "../util/terminal.js";

/** Output formats of `toms check`. */
export type ReportFormat = "text" | "json" | "github";

/**
 * Renders diagnostics for people (text), programs (json) or GitHub workflow annotations (github). `text` takes
 * the options of formatText: without a source lookup it is one line per problem.
 */
export function formatDiagnostics(list: readonly Diagnostic[], format: ReportFormat, cwd = process.cwd(), text: Omit<TextOptions, "cwd"> = {}): string {
  if (format === "json") {
    // The file name as it is (programs open it); printableJson escapes what a terminal would act on.
    const rows = list.map((d) => ({
      file: relativePosix(cwd, d.file) || ".",
      line: d.line,
      column: d.column,
      severity: d.severity,
      rule: d.rule,
      message: d.message,
      // What to do, from the rule catalogue (a field beyond FORMAT.md's six).
      hint: rules[d.rule].hint,
    }));
    return `${printableJson(JSON.stringify(rows, null, 2))}\n`;
  }
  if (format === "github") return githubAnnotations(list, { cwd });
  return formatText(list, { ...text, cwd });
}
