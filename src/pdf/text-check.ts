import type { TextBlock } from "./page-words.js";
import type { Glyph, GlyphVisitor } from "./pdf-glyphs.js";

// Does the PDF hold every word of the page? Both sides are cut into words the same way: at white space, and where
// one piece of text does not touch the next on its line. A word the page wraps (a URL, a compound broken by
// overflow-wrap or hyphenation) is whole on the page side and in pieces on consecutive lines of the PDF: the PDF
// side therefore also counts the joins of each line's last word with the next line's first (with and without a
// hyphen at the break, through lines that hold a single word), skipping the running header and footer, which
// Chromium draws after each page's content. Words are compared as multisets: a word the page has twice must be
// in the PDF twice.

/** Characters that are not drawn (soft hyphen, zero-width space and joiners, word joiner, BOM): not compared. */
const invisible = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
// Hyphens that may end a line where a word was broken (the hyphen Chromium adds is U+2010 or U+002D).
const breakHyphen = /[-\u2010\u2011]$/;

// What a print shows that the page does not write: list numbers and bullets, the contents' page numbers.
const printedOnly = /^(?:\d{1,9}[.)]?|[•◦▪‣●○■□–-])$/;

// Letters of scripts written right to left: a PDF holds them in the order they are drawn, left to right.
const rightToLeft = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;

/**
 * A word as compared: NFC, invisible characters dropped, hyphens of any kind as "-"; a word with right-to-left
 * letters by its letters and signs, sorted (the PDF gives them in drawing order, the page in reading order), and
 * its numbers, each as written.
 */
export function normalizeWord(word: string): string {
  // Most words are ASCII, which all three steps leave as they are.
  if (/^[\x21-\x7e]*$/.test(word)) return word;
  const normal = word
    .normalize("NFC")
    .replace(invisible, "")
    .replace(/[\u2010\u2011]/g, "-");
  if (!rightToLeft.test(normal)) return normal;
  // Its letters and signs sorted (drawn in visual order), its numbers as written: the bidi algorithm keeps a number's
  // digits in their order, so "ב-21" is not "ב-12" (a review found the two compared equal). Several numbers of one
  // word may be drawn in another order: they are sorted, each kept whole.
  const numbers = (normal.match(/\p{Nd}+/gu) ?? []).sort();
  return [...normal.replace(/\p{Nd}/gu, "")].sort().join("") + numbers.map((n) => ` ${n}`).join("");
}

/** The words of a text (white space of any kind separates them), normalized, empty ones left out. */
export function splitWords(text: string): string[] {
  return text
    .split(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/)
    .map(normalizeWord)
    .filter((w) => w !== "");
}

/** A line of the PDF: its words in order, and whether it belongs to the running header or footer. */
export interface Line {
  words: string[];
  running: boolean;
}

/**
 * Cuts the glyphs of a PDF, as drawn, into lines of words: glyphs on one baseline, read left to right, go on a
 * line; a new line starts where the baseline moves or the text goes back. A word ends at a white-space glyph and at
 * a gap of more than a sixth of the font size (word spaces are wider, kerning and font changes within a word are
 * not). A GlyphVisitor, so no glyph is kept.
 */
export class LineReader implements GlyphVisitor {
  readonly lines: Line[] = [];
  private line: Line | undefined;
  private word = "";
  // The previous glyph (none at the start of a page).
  private has = false;
  private x = 0;
  private xEnd = 0;
  private y = 0;
  private running = false;

  page(): void {
    this.endWord();
    this.line = undefined;
    this.has = false;
  }

  glyph(text: string, x: number, xEnd: number, y: number, size: number, running: boolean): void {
    const em = Math.max(size, 1);
    const sameLine = this.has && running === this.running && Math.abs(y - this.y) < em * 0.4 && x > this.x - em * 0.2;
    if (!sameLine) {
      this.endWord();
      this.line = { words: [], running };
      this.lines.push(this.line);
    } else if (x - this.xEnd > em / 6) this.endWord();
    if (isSpace(text)) this.endWord();
    else this.word += text;
    // A glyph without text (inside an ActualText span) carries on the span's advance.
    if (text !== "" || !sameLine) {
      this.x = x;
      this.y = y;
      this.running = running;
    }
    this.xEnd = xEnd;
    this.has = true;
  }

  /** The lines with words, once every page is read. */
  result(): Line[] {
    this.endWord();
    return this.lines.filter((l) => l.words.length > 0);
  }

  private endWord(): void {
    if (this.word !== "" && this.line) this.line.words.push(...splitWords(this.word));
    this.word = "";
  }
}

// A glyph's text is white space (a space glyph, or a no-break space).
function isSpace(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000)) return false;
  }
  return true;
}

/** The lines of the PDF in drawing order (see LineReader), from glyphs as objects. */
export function pdfLines(pages: Glyph[][]): Line[] {
  const reader = new LineReader();
  for (const glyphs of pages) {
    reader.page();
    for (const g of glyphs) reader.glyph(g.text, g.x, g.xEnd, g.y, g.size, g.running);
  }
  return reader.result();
}

/** Every word of the PDF, and every join of words across a line break, with how often each occurs. */
export function pdfWordCounts(lines: Line[], pageWords?: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (word: string) => counts.set(word, (counts.get(word) ?? 0) + 1);
  for (const line of lines) for (const word of line.words) add(word);
  // With the page's words known, a join is kept only while it is the start of one of them: then a word over many
  // lines (a web address in a narrow table column, broken at its hyphens too) stays one join however long it runs,
  // where a bounded number of blind variants lost it (found by a review).
  const prefixes = pageWords && prefixesOf(pageWords);
  // Joins that may still grow (the last word of the previous line, joined with earlier single-word lines).
  let open: string[] = [];
  for (const line of lines.filter((l) => !l.running)) {
    const first = line.words[0]!;
    const joined = new Set<string>();
    for (const start of open) {
      for (const word of breakHyphen.test(start) ? [start + first, start.slice(0, -1) + first] : [start + first])
        if (!prefixes || prefixes.has(word)) joined.add(word);
    }
    for (const word of joined) add(word);
    const last = line.words.at(-1)!;
    // A line of one word continues the joins (a URL over three lines); a bounded number of variants, the longest.
    open = line.words.length === 1 ? [last, ...[...joined].sort((a, b) => b.length - a.length).slice(0, 16)] : [last];
  }
  return counts;
}

// Every start of every word (the word itself included).
function prefixesOf(words: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const word of words) for (let n = 1; n <= word.length; n++) found.add(word.slice(0, n));
  return found;
}

/** The words of the page the PDF does not have (as often as the page has them), in page order, each once. */
export function missingWords(pageWords: string[], pdf: Map<string, number>): string[] {
  const left = new Map(pdf);
  const missing: string[] = [];
  for (const word of pageWords) {
    const n = left.get(word) ?? 0;
    if (n > 0) left.set(word, n - 1);
    else if (!missing.includes(word)) missing.push(word);
  }
  return missing;
}

/** What a PDF may hold beyond the page's words: a table's head, printed again on each page it runs over, and the contents' page numbers. */
export interface PrintAllowance {
  /** Words that may occur any number of times (those of table heads). */
  repeated: ReadonlySet<string>;
  /** How many numbers the PDF may add (one per entry of the contents). */
  numbers: number;
}

// How many lines a word broken over lines may run over (a long address over three lines of one word each).
const maxJoinedLines = 4;

/**
 * The words of the PDF the page does not have (each once, in the PDF's order): the converse of missingWords, so
 * that a PDF that adds a sentence (a forged copy of a published one, say) does not pass. The running header and
 * footer are left out; a word broken at a line's end is joined with the next line's first (with and without the
 * hyphen at the break, through lines of a single word) where the page has the joined word.
 */
export function extraWords(pageWords: string[], lines: Line[], allowance: PrintAllowance): string[] {
  const left = new Map<string, number>();
  for (const word of pageWords) left.set(word, (left.get(word) ?? 0) + 1);
  const take = (word: string): boolean => {
    const n = left.get(word) ?? 0;
    if (n === 0) return false;
    left.set(word, n - 1);
    return true;
  };
  const body = lines.filter((l) => !l.running).map((l) => [...l.words]);
  // Every word not accounted for, each time it occurs, in the PDF's order.
  const unmatched: string[] = [];
  const joins: Join[] = [];
  let numbers = allowance.numbers;
  for (let i = 0; i < body.length; i++) {
    const words = body[i] as string[];
    for (let j = 0; j < words.length; j++) {
      const word = words[j] as string;
      const join = j === words.length - 1 ? joinAcross(word, body, i, take) : undefined;
      if (join) {
        joins.push(join);
        continue;
      }
      if (take(word) || allowance.repeated.has(word)) continue;
      if (/^\d+$/.test(word) && numbers > 0) {
        numbers--;
        continue;
      }
      unmatched.push(word);
    }
  }
  const used = new Set<number>();
  // A join may have taken a word the page has elsewhere, where its pieces were words of their own: "z." at a line's
  // end and "B." at the next one's start took the "z.B." of a later sentence (found by a review). Such a later word
  // takes its word back, the join's pieces their own.
  unmatched.forEach((word, u) => {
    const join = joins.find(
      (j) => j.word === word && j.pieces.every((piece, n) => (left.get(piece) ?? 0) >= j.pieces.slice(0, n + 1).filter((p) => p === piece).length),
    );
    if (!join) return;
    for (const piece of join.pieces) take(piece);
    joins.splice(joins.indexOf(join), 1);
    used.add(u);
  });
  // A long word wrapped in a table cell beside another cell has its pieces on lines that hold the other cell's words
  // too, so the line joins above miss it: each word of the page still missing is put together from the pieces left,
  // in their order. Only pieces that make up, exactly and in order, a word the page has are let through.
  if (unmatched.length > 0) {
    for (const [word, count] of left) {
      for (let k = 0; k < count; k++) if (!assemble(word, unmatched, used)) break;
    }
  }
  // A word of a table head printed again on a later page may break there too (a narrow column): its pieces.
  const headPiece = (word: string) => [...allowance.repeated].some((head) => head.length > word.length && head.includes(word.replace(breakHyphen, "")));
  return [...new Set(unmatched.filter((word, i) => !used.has(i) && !headPiece(word)))];
}

// Puts `word` together from pieces of `pieces` not used yet, in order (a piece may end in the hyphen of its break);
// marks them used when it succeeds.
function assemble(word: string, pieces: string[], used: Set<number>): boolean {
  const picked: number[] = [];
  let at = 0;
  for (let i = 0; i < pieces.length && at < word.length; i++) {
    if (used.has(i)) continue;
    const piece = pieces[i] as string;
    const fits = [piece, ...(breakHyphen.test(piece) ? [piece.slice(0, -1)] : [])].find((p) => p !== "" && word.startsWith(p, at));
    if (fits === undefined) continue;
    picked.push(i);
    at += fits.length;
  }
  if (at < word.length || picked.length < 2) return false;
  for (const i of picked) used.add(i);
  return true;
}

// Joins the last word of line i with the first words of the lines after it where the page has the joined word; the
// words joined are taken off their lines. The longest join the page has wins: a footnote's mark is drawn raised, so
// "Fußnote1." stands on three lines ("Fußnote", "1", "."), and taking "Fußnote1" there would leave the "." over and
// take the "Fußnote1" of another place (found by a review: a valid annex could not be printed).
function joinAcross(word: string, body: string[][], i: number, take: (word: string) => boolean): Join | undefined {
  const candidates: { joined: string[]; k: number }[] = [];
  let starts = [word];
  for (let k = i + 1; k < body.length && k <= i + maxJoinedLines; k++) {
    const next = (body[k] as string[])[0];
    if (next === undefined) break;
    const joined = starts.flatMap((start) => (breakHyphen.test(start) ? [start + next, start.slice(0, -1) + next] : [start + next]));
    candidates.push({ joined, k });
    if ((body[k] as string[]).length !== 1) break;
    starts = joined.slice(0, 8);
  }
  for (const { joined, k } of candidates.reverse()) {
    const found = joined.find(take);
    if (found === undefined) continue;
    const pieces = [word];
    for (let m = i + 1; m <= k; m++) pieces.push((body[m] as string[]).shift() as string);
    return { word: found, pieces };
  }
  return undefined;
}

/** A word of the page put together from the words that end and start lines of the PDF. */
interface Join {
  word: string;
  pieces: string[];
}

/**
 * The blocks of the page the PDF does not show in their order (a forged PDF with the same words moved: "7 Tage …
 * 90 Tage" swapped, a "nicht" moved, two times or dates traded, a table cell moved to another row): the text of
 * each run of a block (a paragraph, a heading, a list item's text) must stand in the PDF's text as one run (the
 * running header and footer left out), letter for letter, wherever lines broke it (a word broken at a line's end may
 * carry the hyphen of its break); the cells of a table row must fill one stretch of it by themselves, each in its
 * order, their lines interleaved as the row prints them (with the head of the table printed again on a new page).
 * Returns the first words of the blocks that do not.
 */
export function misorderedBlocks(blocks: TextBlock[], lines: Line[]): string[] {
  // Words of right-to-left letters stand in the PDF in drawing order, runs of them reversed: left out of the order.
  const ltr = (w: string) => !rightToLeft.test(w);
  const body = lines.filter((l) => !l.running).map((l) => l.words.filter(ltr));
  const stream = body.flat();
  // The line each word of the stream is on (the cells of a table row stand on a line in the order of the columns).
  const lineOf = body.flatMap((words, n) => words.map(() => n));
  const at = new Map<string, number[]>();
  stream.forEach((word, i) => at.set(word, [...(at.get(word) ?? []), i]));
  const longest = stream.reduce((n, w) => Math.max(n, w.length), 0);
  // The places where a text may start: its first word, whole or as the first piece of a broken word.
  const starts = (text: string): number[] => {
    const found = new Set<number>();
    for (let n = 1; n <= Math.min(text.length, longest); n++) {
      const prefix = text.slice(0, n);
      for (const i of at.get(prefix) ?? []) found.add(i);
      for (const i of at.get(`${prefix}-`) ?? []) found.add(i);
      for (const i of at.get(`${prefix}\u2010`) ?? []) found.add(i);
    }
    return [...found].sort((a, b) => a - b);
  };
  const problems: string[] = [];
  // The blocks one after the other: each starts where the one before it ended, past only what the page does not
  // write but the print shows (list numbers and bullets, the contents' page numbers, a table head printed again).
  let cursor = 0;
  let lost = false;
  const text = (cells: string[][]) => cells.map((c) => c.filter(ltr).join("")).filter((c) => c !== "");
  // A table's head printed again where the table runs onto a new page: where one of its rows stands whole at p.
  const headAt = (p: number, head: string[][][]): number | undefined => {
    for (const row of head) {
      const cells = text(row);
      const end = cells.length > 0 ? rowAt(stream, lineOf, p, cells, () => undefined) : undefined;
      if (end !== undefined) return end;
    }
    return undefined;
  };
  const heads = blocks.flatMap((b) => (b.kind === "row" ? b.head : []));
  // The contents' entries, painted where the print puts them (see pageBlocks).
  const free = blocks.flatMap((b) => (b.kind === "flow" && b.free ? [b.words.filter(ltr).join("")] : [])).filter((t) => t !== "");
  const between = (from: number, to: number): boolean => {
    for (let p = from; p < to; ) {
      let end = headAt(p, heads);
      for (const text of free) end ??= runAt(stream, p, text);
      if (end === undefined && printedOnly.test(stream[p] as string)) end = p + 1;
      if (end === undefined || end > to) return false;
      p = end;
    }
    return true;
  };
  for (const block of blocks) {
    let match: { text: string; end: (i: number) => number | undefined };
    if (block.kind === "flow") {
      const run = block.words.filter(ltr).join("");
      if (run === "") continue;
      match = { text: run, end: (i) => runAt(stream, i, run) };
    } else {
      const cells = text(block.cells);
      if (cells.length === 0) continue;
      const head = block.head;
      match = { text: cells[0] as string, end: (i) => rowAt(stream, lineOf, i, cells, (p) => headAt(p, head)) };
    }
    const candidates = starts(match.text);
    if (block.kind === "flow" && block.free) {
      if (!candidates.some((i) => match.end(i) !== undefined)) problems.push(block.words.slice(0, 8).join(" "));
      continue;
    }
    let found: { start: number; end: number } | undefined;
    for (const i of candidates) {
      if (i < cursor) continue;
      const end = match.end(i);
      if (end !== undefined) {
        found = { start: i, end };
        break;
      }
    }
    const label = block.kind === "flow" ? block.words.slice(0, 8).join(" ") : block.cells.flat().slice(0, 8).join(" ");
    // After a block out of place, the next one found is where reading goes on (one moved block is one problem).
    if (!found || (!lost && !between(cursor, found.start))) problems.push(label);
    lost = !found;
    if (found) cursor = found.end;
  }
  return problems;
}

// Consumes stream words from `i` that spell `text` (a word may end in the hyphen of a line break the text does not
// have); returns the index after the last, or undefined when they do not.
function runAt(stream: string[], i: number, text: string): number | undefined {
  let at = 0;
  let j = i;
  while (at < text.length) {
    const word = stream[j];
    if (word === undefined) return undefined;
    const used = spells(word, text, at);
    if (used === undefined) return undefined;
    at += used;
    j++;
  }
  return j;
}

// How many characters of `text` from `at` the word spells: all of it, or all but a break hyphen at its end.
function spells(word: string, text: string, at: number): number | undefined {
  if (text.startsWith(word, at)) return word.length;
  if (breakHyphen.test(word) && word.length > 1 && text.startsWith(word.slice(0, -1), at)) return word.length - 1;
  return undefined;
}

// Where the row ends in the stream when the stream from `i` holds its cells by themselves: each stream word continues
// the next part of one of the cells (the first that it fits), cells on one line in the order of the columns, or
// begins a whole copy of the table's head (printed again on a new page), until every cell is complete; else undefined.
function rowAt(stream: string[], lineOf: number[], i: number, cells: string[], headAt: (p: number) => number | undefined): number | undefined {
  const done = cells.map(() => 0);
  let left = cells.reduce((n, c) => n + c.length, 0);
  let lastCell = -1;
  let lastLine = -1;
  let j = i;
  for (; left > 0; j++) {
    const word = stream[j];
    if (word === undefined) return undefined;
    const line = lineOf[j] as number;
    const from = line === lastLine ? Math.max(lastCell, 0) : 0;
    const cell = cells.findIndex((c, k) => k >= from && (done[k] as number) < c.length && spells(word, c, done[k] as number) !== undefined);
    if (cell === -1) {
      // The table's head printed again on a new page, in the middle of the row: skipped whole, nothing else.
      const end = headAt(j);
      if (end === undefined) return undefined;
      j = end - 1;
      lastLine = -1;
      continue;
    }
    const used = spells(word, cells[cell] as string, done[cell] as number) as number;
    done[cell] = (done[cell] as number) + used;
    left -= used;
    lastCell = cell;
    lastLine = line;
  }
  return j;
}

/**
 * The words of the running header and footer of a PDF that toms's templates do not write there (besides the page
 * numbers the browser fills in, and a title cut short with "…"): text drawn outside the page's tagged content counts
 * as running header or footer and is left out of the other checks, so there may be nothing else.
 */
export function foreignRunningWords(lines: Line[], allowed: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  const running = lines.filter((line) => line.running);
  // A word of toms's the footer breaks after its hyphen over two lines (a long address: "Baden-" and "Württemberg,")
  // is let through as the word it makes (found by a review); its pieces by themselves are not toms's words. Only at
  // a hyphen the word has (Chromium breaks lines there and at spaces), so no other cut of a word of toms's passes.
  const joined = new Set<string>();
  running.forEach((line, i) => {
    const last = line.words.at(-1);
    const first = running[i + 1]?.words[0];
    if (last === undefined || first === undefined || !/[-\u2010]$/.test(last) || !allowed.has(last + first)) return;
    joined.add(`${i}:${line.words.length - 1}`);
    joined.add(`${i + 1}:0`);
  });
  for (const [i, line] of running.entries()) {
    for (const [j, word] of line.words.entries()) {
      if (joined.has(`${i}:${j}`)) continue;
      // Marks of toms's own style sheet drawn beside the text ([+ … ] around a change) are untagged too.
      if (allowed.has(word) || /^\d{1,5}$/.test(word) || /^[\p{P}\p{S}]+$/u.test(word)) continue;
      const cut = word.endsWith("…") ? word.slice(0, -1) : undefined;
      if (cut !== undefined && cut !== "" && [...allowed].some((a) => a.startsWith(cut))) continue;
      found.add(word);
    }
  }
  return [...found];
}
