import type { Page } from "puppeteer-core";
import { fontManifest } from "../render/fonts.js";
import { PdfError } from "./errors.js";
import { inspectPrintedPage } from "./page-layout.js";
import type { PdfFile } from "./pdf-file.js";
import { readGlyphs, type PdfFontName } from "./pdf-glyphs.js";
import { extraWords, foreignRunningWords, LineReader, misorderedBlocks, missingWords, type PrintAllowance, pdfWordCounts } from "./text-check.js";
import type { TextBlock } from "./page-words.js";

/** Where a company's style sheet lies in its content folder (see theme/). */
export const companyStyleFile = "templates/style.css";

/** How long the checks of one printed annex took (ms): laying the page out to read it, and reading the PDF. */
export interface VerifyTiming {
  layoutMs: number;
  textMs: number;
}

/**
 * Checks a printed annex against the page it was printed from, and throws a PdfError naming the annex when
 * - a text runs out of the page or out of a box that clips it (it would be cut off: the style sheet should have
 *   wrapped it);
 * - a glyph is drawn in a font toms does not bundle (a system font: the PDF would differ between machines);
 * - a word of the page (`expected`: of the page toms rendered) is not in the PDF's text, or (where the rendered page
 *   is known) the PDF's text has a word the page does not.
 */
export async function verifyPrint(
  tab: Page,
  file: string,
  pdf: PdfFile,
  expected?: { words: string[]; allowance: PrintAllowance; blocks: TextBlock[]; running: ReadonlySet<string> },
  companyStyle = false,
): Promise<VerifyTiming> {
  // With the company's style sheet (templates/style.css) in place of toms's, that is where to look.
  const styleSheet = companyStyle ? `the company's style sheet (${companyStyleFile})` : "toms's style sheet";
  const t0 = performance.now();
  const page = await inspectPrintedPage(tab);
  const t1 = performance.now();
  if (page.overflows.length > 0) {
    throw new PdfError(
      `${file}: ${quoteSome(page.overflows)} ${page.overflows.length === 1 ? "runs" : "run"} past the edge of the page or of its box and would be cut off in the PDF. ${
        companyStyle
          ? `Check the widths, margins, font sizes and positions ${styleSheet} gives; toms's own style sheet wraps such text.`
          : "This is a fault of toms's style sheet; please report it with the text."
      }`,
    );
  }
  if (page.unreadable.length > 0) {
    throw new PdfError(
      `${file}: ${quoteSome(page.unreadable)} ${page.unreadable.length === 1 ? "is" : "are"} set so that a reader cannot see ${page.unreadable.length === 1 ? "it" : "them"} (a colour next to invisible on its background, transparent, or tiny): the PDF would hold text nobody reads. Check the colours, opacity and font sizes ${styleSheet} gives.`,
    );
  }
  const lines = new LineReader();
  const fonts = new ForeignFonts();
  readGlyphs(pdf, {
    page: () => lines.page(),
    glyph: (text, x, xEnd, y, size, running, font) => {
      lines.glyph(text, x, xEnd, y, size, running);
      fonts.glyph(text, font);
    },
  });
  const foreign = fonts.result();
  if (foreign.length > 0) {
    const list = foreign.map((f) => `${f.font} for ${quoteSome(f.chars)}`).join("; ");
    throw new PdfError(
      `${file}: the PDF uses fonts toms does not bundle (${list}): printed with the machine's own fonts, it would differ from machine to machine. Where the bundled fonts lack such characters, \`toms check\` reports them at their place.`,
    );
  }
  // The words toms rendered where known (see pageWords: no style sheet can hide them), else the laid-out page's.
  const printed = lines.result();
  const words = expected?.words ?? page.words;
  const missing = missingWords(words, pdfWordCounts(printed, words));
  if (missing.length > 0) {
    throw new PdfError(
      `${file}: ${missing.length === 1 ? "a word" : `${missing.length} words`} of the page ${missing.length === 1 ? "is" : "are"} missing from the PDF's text: ${quoteSome(missing)}.`,
    );
  }
  // And the converse: nothing in the PDF that the page does not say.
  const extra = expected ? extraWords(expected.words, printed, expected.allowance) : [];
  if (extra.length > 0) {
    throw new PdfError(
      `${file}: the PDF's text holds ${extra.length === 1 ? "a word" : `${extra.length} words`} the page does not: ${quoteSome(extra)}. Check ${styleSheet}.`,
    );
  }
  // Nothing in the running header and footer but what toms writes there.
  const unwritten = expected ? foreignRunningWords(printed, expected.running) : [];
  if (unwritten.length > 0) {
    throw new PdfError(`${file}: the PDF's running header or footer holds ${quoteSome(unwritten)}, which toms does not write there. Check ${styleSheet}.`);
  }
  // And the words in the page's order (a style sheet could move them: flex order, floats, positions).
  const moved = expected ? misorderedBlocks(expected.blocks, printed) : [];
  if (moved.length > 0) {
    throw new PdfError(`${file}: the PDF shows the words of ${quoteSome(moved)} in another order than the page. Check ${styleSheet}.`);
  }
  return { layoutMs: t1 - t0, textMs: performance.now() - t1 };
}

// The fonts not bundled with toms (by the name they carry into the PDF; a Type 3 font has none) and what they drew.
class ForeignFonts {
  private readonly bundled = new Set(fontManifest().faces.map((f) => f.postscriptName));
  private readonly found = new Map<string, Set<string>>();

  glyph(text: string, font: PdfFontName): void {
    if (font.name !== undefined && this.bundled.has(font.name)) return;
    const name = font.name ?? `a ${font.subtype} font`;
    const chars = this.found.get(name) ?? new Set<string>();
    if (text.trim() !== "") chars.add(text);
    this.found.set(name, chars);
  }

  result(): { font: string; chars: string[] }[] {
    return [...this.found].map(([font, chars]) => ({ font, chars: [...chars] }));
  }
}

// Up to three texts, quoted and shortened, and how many more there are.
function quoteSome(texts: string[]): string {
  const shown = texts.slice(0, 3).map((t) => `"${t.length > 60 ? `${t.slice(0, 57)}…` : t}"`);
  return texts.length > 3 ? `${shown.join(", ")} and ${texts.length - 3} more` : shown.join(", ");
}
