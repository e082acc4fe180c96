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

/** A word as compared: NFC, invisible characters dropped, hyphens of any kind as "-". */
export function normalizeWord(word: string): string {
  // Most words are ASCII, which all three steps leave as they are.
  if (/^[\x21-\x7e]*$/.test(word)) return word;
  return word
    .normalize("NFC")
    .replace(invisible, "")
    .replace(/[\u2010\u2011]/g, "-");
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
export function pdfWordCounts(lines: Line[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (word: string) => counts.set(word, (counts.get(word) ?? 0) + 1);
  for (const line of lines) for (const word of line.words) add(word);
  // Joins that may still grow (the last word of the previous line, joined with earlier single-word lines).
  let open: string[] = [];
  for (const line of lines.filter((l) => !l.running)) {
    const first = line.words[0]!;
    const joined = new Set<string>();
    for (const start of open) {
      joined.add(start + first);
      if (breakHyphen.test(start)) joined.add(start.slice(0, -1) + first);
    }
    for (const word of joined) add(word);
    const last = line.words.at(-1)!;
    // A line of one word continues the joins (a URL over three lines); a bounded number of variants.
    open = line.words.length === 1 ? [last, ...[...joined].slice(0, 8)] : [last];
  }
  return counts;
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
  let numbers = allowance.numbers;
  for (let i = 0; i < body.length; i++) {
    const words = body[i] as string[];
    for (let j = 0; j < words.length; j++) {
      const word = words[j] as string;
      if (j === words.length - 1 && joinAcross(word, body, i, take)) continue;
      if (take(word) || allowance.repeated.has(word)) continue;
      if (/^\d+$/.test(word) && numbers > 0) {
        numbers--;
        continue;
      }
      unmatched.push(word);
    }
  }
  // A long word wrapped in a table cell beside another cell has its pieces on lines that hold the other cell's words
  // too, so the line joins above miss it: each word of the page still missing is put together from the pieces left,
  // in their order. Only pieces that make up, exactly and in order, a word the page has are let through.
  const used = new Set<number>();
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
// words joined are taken off their lines.
function joinAcross(word: string, body: string[][], i: number, take: (word: string) => boolean): boolean {
  let starts = [word];
  for (let k = i + 1; k < body.length && k <= i + maxJoinedLines; k++) {
    const next = (body[k] as string[])[0];
    if (next === undefined) return false;
    const joined = starts.flatMap((start) => (breakHyphen.test(start) ? [start + next, start.slice(0, -1) + next] : [start + next]));
    const found = joined.find(take);
    if (found !== undefined) {
      for (let m = i + 1; m <= k; m++) (body[m] as string[]).shift();
      return true;
    }
    if ((body[k] as string[]).length !== 1) return false;
    starts = joined.slice(0, 8);
  }
  return false;
}

/**
 * The blocks of the page whose words the PDF does not show in their order (a forged PDF with the same words moved:
 * "7 Tage … 90 Tage" as "90 Tage … 7 Tage", or a "nicht" moved to another clause): each block's words must appear
 * in the PDF's text (running header and footer left out, words broken at a line's end joined) in the page's order,
 * close together: in a paragraph, heading or list item as one run (a word the PDF shows only in pieces is skipped and
 * its pieces allowed between); in a table cell interleaved with the other cells of its row. Returns the blocks'
 * first words.
 */
export function misorderedBlocks(blocks: { words: string[]; inTable: boolean }[], lines: Line[]): string[] {
  const known = new Set(blocks.flatMap((b) => b.words));
  const body = lines.filter((l) => !l.running).map((l) => [...l.words]);
  const stream: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const words = body[i] as string[];
    for (let j = 0; j < words.length; j++) {
      const word = words[j] as string;
      const joined = j === words.length - 1 && !known.has(word) ? joinedAcross(word, body, i, known) : undefined;
      stream.push(joined ?? word);
    }
  }
  const at = new Map<string, number[]>();
  stream.forEach((word, i) => at.set(word, [...(at.get(word) ?? []), i]));
  const problems: string[] = [];
  for (const block of blocks) {
    // Words a line may break (at a hyphen, or a long one anywhere) may stand whole elsewhere and in pieces here:
    // the order is judged by the others.
    const words = block.words.filter((w) => at.has(w) && !breakable(w));
    if (words.length < 2) continue;
    const skipped = block.words.length - words.length;
    const limit = block.inTable ? 8 * block.words.length + 200 : block.words.length + 3 * skipped;
    if (!inOrder(words, at, limit)) problems.push(block.words.slice(0, 8).join(" "));
  }
  return problems;
}

function breakable(word: string): boolean {
  return /[-\u2010\u2011\u2013\u00ad/]/.test(word) || word.length > 20;
}

// Whether `words` occur in the stream in this order within `limit` positions from the first. Tried from each place
// of the block's rarest word (common ones, "die", occur hundreds of times): the words before it are looked for
// backwards from there, the words after it forwards.
function inOrder(words: string[], at: Map<string, number[]>, limit: number): boolean {
  let anchor = 0;
  words.forEach((word, k) => {
    if ((at.get(word)?.length ?? 0) < (at.get(words[anchor] as string)?.length ?? 0)) anchor = k;
  });
  for (const place of at.get(words[anchor] as string) ?? []) {
    let first = place;
    let last = place;
    let ok = true;
    for (let k = anchor - 1; k >= 0 && ok; k--) {
      const before = lastBefore(at.get(words[k] as string) ?? [], first);
      if (before === undefined || last - before >= limit) ok = false;
      else first = before;
    }
    for (let k = anchor + 1; k < words.length && ok; k++) {
      const next = firstAfter(at.get(words[k] as string) ?? [], last);
      if (next === undefined || next - first >= limit) ok = false;
      else last = next;
    }
    if (ok) return true;
  }
  return false;
}

function lastBefore(sorted: number[], position: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < position) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : sorted[lo - 1];
}

function firstAfter(sorted: number[], position: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= position) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo];
}

// The word broken at the end of line i, joined with the next lines' first words, where the page has the joined word.
function joinedAcross(word: string, body: string[][], i: number, known: Set<string>): string | undefined {
  let starts = [word];
  for (let k = i + 1; k < body.length && k <= i + maxJoinedLines; k++) {
    const next = (body[k] as string[])[0];
    if (next === undefined) return undefined;
    const joined = starts.flatMap((start) => (breakHyphen.test(start) ? [start + next, start.slice(0, -1) + next] : [start + next]));
    const found = joined.find((w) => known.has(w));
    if (found !== undefined) {
      for (let m = i + 1; m <= k; m++) (body[m] as string[]).shift();
      return found;
    }
    if ((body[k] as string[]).length !== 1) return undefined;
    starts = joined.slice(0, 8);
  }
  return undefined;
}
