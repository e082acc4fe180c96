import { codeFrame, SourceText } from "../diagnostics/code-frame.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { type JsonProblem, jsonRows } from "../diagnostics/format.js";
import type { SourceLookup } from "../diagnostics/sources.js";

/** A problem as the page shows it: the row of `toms check --format json` and the source lines with the caret under it. */
export interface PageProblem extends JsonProblem {
  /** The frame as `toms check` prints it, without colour: the line before, the problem's line, the caret line. */
  frame: string[];
}

/**
 * The data of the `problems` event: what `toms check --format json` lists (paths relative to `cwd`, the hint), each
 * problem with its code frame drawn from the text the check read. Characters that could act on a terminal or reorder
 * the line are shown as their code, as on the terminal; the page sets every string as text, never as markup.
 */
export function pageProblems(list: readonly Diagnostic[], cwd: string, sources: SourceLookup): PageProblem[] {
  const texts = new Map<string, SourceText | undefined>();
  const rows = jsonRows(list, cwd);
  return list.map((d, i) => {
    if (!texts.has(d.file)) {
      const text = sources(d.file);
      texts.set(d.file, text === undefined ? undefined : new SourceText(text));
    }
    const source = texts.get(d.file);
    return { ...(rows[i] as JsonProblem), frame: (source && codeFrame(source, d, { width: 100 })) ?? [] };
  });
}
