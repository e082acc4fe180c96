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
  // The file name as it is (programs open it); printableJson escapes what a terminal would act on.
  if (format === "json") return `${printableJson(JSON.stringify(jsonRows(list, cwd), null, 2))}\n`;
  if (format === "github") return githubAnnotations(list, { cwd });
  return formatText(list, { ...text, cwd });
}

/** One problem as `toms check --format json` gives it. */
export interface JsonProblem {
  file: string;
  line: number;
  column: number;
  severity: Diagnostic["severity"];
  rule: Diagnostic["rule"];
  message: string;
  hint: string;
}

/** The problems as `toms check --format json` lists them: paths relative to `cwd`, each with its rule's hint. */
export function jsonRows(list: readonly Diagnostic[], cwd: string): JsonProblem[] {
  return list.map((d) => ({
    file: relativePosix(cwd, d.file) || ".",
    line: d.line,
    column: d.column,
    severity: d.severity,
    rule: d.rule,
    message: d.message,
    // What to do, from the rule catalogue (a field beyond FORMAT.md's six).
    hint: rules[d.rule].hint,
  }));
}
