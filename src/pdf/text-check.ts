import type { Glyph } from "./pdf-glyphs.js";

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
  return word.normalize("NFC").replace(invisible, "").replace(/[\u2010\u2011]/g, "-");
}

/** The words of a text (white space of any kind separates them), normalized, empty ones left out. */
export function splitWords(text: string): string[] {
  return text
    .split(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/)
    .map(normalizeWord)
    .filter((w) => w !== "");
}

/** A line of the PDF: its words in order, and whether it belongs to the running header or footer. */
interface Line {
  words: string[];
  running: boolean;
}

/**
 * The lines of the PDF in drawing order: glyphs on one baseline, read left to right, go on a line; a new line
 * starts where the baseline moves or the text goes back. A word ends at a white-space glyph and at a gap of more
 * than a sixth of the font size (word spaces are wider, kerning and font changes within a word are not).
 */
export function pdfLines(pages: Glyph[][]): Line[] {
  const lines: Line[] = [];
  for (const glyphs of pages) {
    let line: Line | undefined;
    let word = "";
    let previous: Glyph | undefined;
    const endWord = () => {
      if (word !== "" && line) line.words.push(...splitWords(word));
      word = "";
    };
    for (const g of glyphs) {
      const size = Math.max(g.size, 1);
      const sameLine = previous !== undefined && g.running === previous.running && Math.abs(g.y - previous.y) < size * 0.4 && g.x > previous.x - size * 0.2;
      if (!sameLine) {
        endWord();
        line = { words: [], running: g.running };
        lines.push(line);
      } else if (g.x - previous!.xEnd > size / 6) endWord();
      if (/^\s+$/.test(g.text)) endWord();
      else word += g.text;
      // A glyph without text (inside an ActualText span) carries the span's advance.
      previous = g.text === "" && previous && sameLine ? { ...previous, xEnd: g.xEnd } : g;
    }
    endWord();
  }
  return lines.filter((l) => l.words.length > 0);
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
