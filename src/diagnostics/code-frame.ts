import stringWidth from "string-width";
import { type Paint, paint, printable } from "../util/terminal.js";

// Written here rather than with @babel/code-frame, which was tried first: it colours only together with
// JavaScript syntax highlighting (German nouns come out yellow, a YAML "#" as an invalid token), places the caret
// by UTF-16 units (one column off per wide or escaped character before it) and has no window for long lines,
// which YAML block texts often are. What is left of it once those are done here is the gutter.

/** Where a frame points: 1-based line and column of the start, and the end (exclusive) when known. */
export interface Span {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** How a frame is drawn. */
export interface FrameOptions {
  /** Styles for a terminal; none by default. */
  paint?: Paint;
  /** The style of the caret and the ">" of the problem's line (the severity's colour). */
  mark?: (text: string) => string;
  /** Display columns a frame line may take, gutter included (a terminal's width); a longer source line shows a window around the span. */
  width?: number;
  /** Lines shown above the problem's line. */
  above?: number;
}

/** A source text split into lines once, however many frames are drawn from it. */
export class SourceText {
  #starts: number[] | undefined;

  constructor(readonly text: string) {}

  /** Line `n` (from 1) without its line break, or undefined past the end. */
  line(n: number): string | undefined {
    if (!this.#starts) {
      const starts = [0];
      for (let i = this.text.indexOf("\n"); i !== -1; i = this.text.indexOf("\n", i + 1)) starts.push(i + 1);
      this.#starts = starts;
    }
    const start = this.#starts[n - 1];
    if (n < 1 || start === undefined) return undefined;
    const end = this.#starts[n] === undefined ? this.text.length : (this.#starts[n] as number) - 1;
    return this.text.slice(start, end).replace(/\r$/, "");
  }
}

/** One character as shown (a grapheme; escaped when hidden, a tab as spaces) and the code units it stands for. */
interface Cell {
  text: string;
  width: number;
  from: number;
  to: number;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
// Code units of a line looked at around the span: a 200 KB line costs no more than a short one.
const reach = 1000;
const tabStop = 4;

/**
 * The lines of a code frame: the line of `span` (and `above` lines before it) with line numbers, and a line of
 * carets under the span, clipped to that line. Every character goes through printable(), so content can
 * neither act on the terminal nor reorder the line; carets align with wide and escaped characters. Undefined
 * when the source has no such line.
 */
export function codeFrame(source: SourceText, span: Span, options: FrameOptions = {}): string[] | undefined {
  const text = source.line(span.line);
  if (text === undefined) return undefined;
  const style = options.paint ?? paint(false);
  const mark = options.mark ?? ((s: string) => s);
  // What is left of the line beside the gutter ("> 123 | ") and two "…".
  const width = Math.max(20, (options.width ?? 120) - String(span.line).length - 7);
  const start = clamp(span.column - 1, 0, text.length);
  let end = start;
  if (span.endLine === span.line && span.endColumn !== undefined) end = clamp(span.endColumn - 1, start, text.length);
  else if (span.endLine !== undefined && span.endLine > span.line) end = Math.max(start, text.trimEnd().length);
  // The same stretch of code units is looked at on the lines above, however long the problem's line is.
  const reachFrom = Math.max(0, start - reach);
  const reachTo = end + reach;
  const from = unitBoundary(text, reachFrom);
  const to = unitBoundary(text, Math.min(text.length, reachTo));

  const cells = cellsOf(text, from, to);
  const xs = xPositions(cells);
  const total = xs[cells.length] as number;
  // The caret's display columns: the cells the span touches, or the one cell at a point (after the last at the end).
  const first = cells.findIndex((c) => c.to > start);
  const caretFrom = first === -1 ? total : (xs[first] as number);
  let last = first;
  while (last !== -1 && last + 1 < cells.length && (cells[last + 1] as Cell).from < end) last++;
  const caretTo = last === -1 ? total + 1 : Math.max((xs[last] as number) + (cells[last] as Cell).width, caretFrom + 1);
  // The window: a quarter of it before the span, so what leads up to it stays in view.
  const left = total + 1 <= width ? 0 : clamp(caretFrom - Math.floor(width / 4), 0, total + 1 - width);
  const window = { left, right: left + width };

  const shown = render(cells, xs, window, from > 0, to < text.length, style);
  const lines: string[] = [];
  const numberWidth = String(span.line).length;
  const gutter = (n: string) => style.dim(`${n.padStart(numberWidth)} |`);
  for (let n = Math.max(1, span.line - (options.above ?? 1)); n < span.line; n++) {
    const above = source.line(n) as string;
    const lo = unitBoundary(above, Math.min(reachFrom, above.length));
    const hi = unitBoundary(above, Math.min(reachTo, above.length));
    const cellsAbove = cellsOf(above, lo, hi);
    lines.push(`  ${gutter(String(n))}${after(render(cellsAbove, xPositions(cellsAbove), window, lo > 0, hi < above.length, style).text)}`);
  }
  lines.push(`${mark(">")} ${gutter(String(span.line))}${after(shown.text)}`);
  const pad = shown.offset + Math.max(caretFrom, shown.base) - shown.base;
  const carets = Math.max(1, Math.min(caretTo, shown.end + 1) - Math.max(caretFrom, shown.base));
  lines.push(`  ${gutter("")} ${" ".repeat(pad)}${mark("^".repeat(carets))}`);
  return lines;
}

// The cells of text[from, to), tabs expanded to the next stop.
function cellsOf(text: string, from: number, to: number): Cell[] {
  const cells: Cell[] = [];
  let x = 0;
  for (const { segment, index } of segmenter.segment(text.slice(from, to))) {
    const at = from + index;
    if (segment === "\t") {
      const w = tabStop - (x % tabStop);
      cells.push({ text: " ".repeat(w), width: w, from: at, to: at + 1 });
      x += w;
      continue;
    }
    const shown = printable(segment);
    const w = stringWidth(shown);
    cells.push({ text: shown, width: w, from: at, to: at + segment.length });
    x += w;
  }
  return cells;
}

function xPositions(cells: readonly Cell[]): number[] {
  const xs = [0];
  for (const cell of cells) xs.push((xs[xs.length - 1] as number) + cell.width);
  return xs;
}

// The cells within the window, with "…" where the line goes on; `base` is the display column the shown text
// starts at, `offset` the width of a leading "…", `end` where the shown text ends.
function render(
  cells: readonly Cell[],
  xs: readonly number[],
  window: { left: number; right: number },
  cutBefore: boolean,
  cutAfter: boolean,
  style: Paint,
): { text: string; base: number; offset: number; end: number } {
  let i = 0;
  while (i < cells.length && (xs[i] as number) < window.left) i++;
  let j = i;
  while (j < cells.length && (xs[j + 1] as number) <= window.right) j++;
  const cutLeft = cutBefore || i > 0;
  const cutRight = cutAfter || j < cells.length;
  const body = cells
    .slice(i, j)
    .map((c) => c.text)
    .join("");
  const text = `${cutLeft ? style.dim("…") : ""}${body}${cutRight ? style.dim("…") : ""}`;
  return { text, base: xs[i] as number, offset: cutLeft ? 1 : 0, end: xs[j] as number };
}

// Never between the two halves of a surrogate pair.
function unitBoundary(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return at > 0 && at < text.length && code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

// The source after the gutter: no trailing space on an empty line.
function after(text: string): string {
  return text === "" ? "" : ` ${text}`;
}
