import { codeFrame, SourceText } from "./code-frame.js";
import type { Diagnostic } from "./diagnostic.js";
import { rules } from "./rules.js";
import type { SourceLookup } from "./sources.js";
import { relativePosix } from "../util/paths.js";
import { paint, printable } from "../util/terminal.js";

/** How the text report is drawn. */
export interface TextOptions {
  /** Paths are shown relative to this folder (default: the working folder), so terminals and editors open them. */
  cwd?: string;
  /**
   * The texts of the files, for the code frames. With it, each problem's line is followed by its source lines,
   * a caret under the span and the hint (what to do); without it, one line per problem (the check fixtures' form).
   */
  sources?: SourceLookup;
  /** ANSI colours, for a terminal. */
  color?: boolean;
  /** The width of the terminal (default 120 columns): longer source lines show a window around the span. */
  width?: number;
}

/**
 * The report for people: per problem the line `file:line:column severity message [rule]` (CI scripts parse it,
 * so it stays exactly that, colour aside), then the frame and hint, then a summary line.
 */
export function formatText(list: readonly Diagnostic[], options: TextOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const style = paint(options.color === true);
  const texts = new Map<string, SourceText | undefined>();
  const textOf = (file: string) => {
    if (!texts.has(file)) {
      const text = options.sources?.(file);
      texts.set(file, text === undefined ? undefined : new SourceText(text));
    }
    return texts.get(file);
  };
  const entries = list.map((d) => {
    const mark = d.severity === "error" ? (s: string) => style.bold(style.red(s)) : (s: string) => style.bold(style.yellow(s));
    const where = `${printable(relativePosix(cwd, d.file) || ".")}:${d.line}:${d.column}`;
    const head = `${style.bold(where)} ${mark(d.severity)} ${printable(d.message)} ${style.dim(`[${d.rule}]`)}`;
    if (!options.sources) return head;
    const source = textOf(d.file);
    const frame = source && codeFrame(source, d, { paint: style, mark, ...(options.width !== undefined && { width: options.width }) });
    return [head, ...(frame ?? []), `  ${style.dim("hint:")} ${printable(rules[d.rule].hint)}`].join("\n");
  });
  const errors = list.filter((d) => d.severity === "error").length;
  const last = summary(errors, list.length - errors, style);
  // Frames make a problem several lines: a blank line between problems shows where each begins.
  return `${[...entries, last].join(options.sources && list.length > 0 ? "\n\n" : "\n")}\n`;
}

/** "✖ 2 errors, 1 warning", "⚠ 0 errors, 1 warning" or "✓ no problems found". */
export function summaryLine(errors: number, warnings: number): string {
  return summary(errors, warnings, paint(false));
}

function summary(errors: number, warnings: number, style: ReturnType<typeof paint>): string {
  if (errors === 0 && warnings === 0) return style.green("✓ no problems found");
  const part = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  // Warnings alone do not fail the check (exit code 0), so they do not get the failure mark.
  const text = `${errors > 0 ? "✖" : "⚠"} ${part(errors, "error")}, ${part(warnings, "warning")}`;
  return style.bold(errors > 0 ? style.red(text) : style.yellow(text));
}
