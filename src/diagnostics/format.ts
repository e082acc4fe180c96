import type { Diagnostic } from "./diagnostic.js";
import { rules } from "./rules.js";
import { relativePosix } from "../util/paths.js";
import { printable, printableJson } from "../util/terminal.js";

/** Output formats of `toms check`. */
export type ReportFormat = "text" | "json" | "github";

/** Renders diagnostics for people (text), programs (json) or GitHub workflow annotations (github). */
export function formatDiagnostics(list: readonly Diagnostic[], format: ReportFormat, cwd = process.cwd()): string {
  // Content and file names reach a terminal or a workflow log: nothing in them may act on it.
  const rel = (file: string) => printable(relativePosix(cwd, file) || ".");
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
  if (format === "github") {
    return list
      .map((d) => {
        const props = `file=${escapeProperty(rel(d.file))},line=${d.line},col=${d.column},title=${escapeProperty(`toms ${d.rule}`)}`;
        return `::${d.severity} ${props}::${escapeData(printable(`${d.message} ${rules[d.rule].hint}`))}\n`;
      })
      .join("");
  }
  const lines = list.map((d) => `${rel(d.file)}:${d.line}:${d.column} ${d.severity} ${printable(d.message)} [${d.rule}]`);
  const errors = list.filter((d) => d.severity === "error").length;
  const warnings = list.length - errors;
  lines.push(summary(errors, warnings));
  return `${lines.join("\n")}\n`;
}

function summary(errors: number, warnings: number): string {
  if (errors === 0 && warnings === 0) return "✓ no problems found";
  const part = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  // Warnings alone do not fail the check (exit code 0), so they do not get the failure mark.
  return `${errors > 0 ? "✖" : "⚠"} ${part(errors, "error")}, ${part(warnings, "warning")}`;
}

// GitHub's workflow command escaping (see @actions/core's command.ts).
function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
