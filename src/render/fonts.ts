import fs from "node:fs";
import { templateDir } from "./template.js";

// The fonts toms bundles (copied from their npm packages into fonts/ by scripts/fonts.mjs at `npm run compile`, with
// the code points each face has). Every page and PDF is set in these and nothing else, so a PDF is the same on
// every machine and a character they lack is an error `toms check` reports, not an empty box in a signed annex.

/** Folder of the bundled font files and their description (fonts.json); the site gets them as fonts/. */
export const fontDir = new URL("../../fonts/", import.meta.url);

/** One bundled face: a family in one weight and style, for one Unicode subset. */
export interface BundledFace {
  family: string;
  weight: number;
  style: "normal" | "italic";
  /** File name in fonts/ (and in the site's fonts/). */
  file: string;
  /** The unicode-range declared to the browser (CSS syntax); undefined: the whole font. */
  unicodeRange?: string;
  /** The name the font carries into a PDF (after Skia's subset prefix "AAAAAA+"). */
  postscriptName: string;
  /** The code points this face prints: in its cmap and in its unicode-range; sorted [from, to] ranges. */
  covered: [number, number][];
  sha256: string;
}

/** The description scripts/fonts.mjs writes. */
export interface FontManifest {
  /** Font package → version. */
  packages: Record<string, string>;
  /** The font stacks of the style sheet (families in order): serif body, sans headings and running header, mono code. */
  stacks: Record<"serif" | "sans" | "mono", string[]>;
  /** Code points every stack can print, sorted [from, to] ranges. */
  printable: [number, number][];
  faces: BundledFace[];
}

let manifest: FontManifest | undefined;

/** The bundled fonts' description, read once. */
export function fontManifest(): FontManifest {
  if (manifest) return manifest;
  const file = new URL("fonts.json", fontDir);
  // A checkout that was never compiled: say so rather than show a file-system error.
  if (!fs.existsSync(file))
    throw new Error("The bundled fonts are missing (fonts/fonts.json): run `npm run compile` (npm ci does) to copy them from their packages.");
  manifest = JSON.parse(fs.readFileSync(file, "utf8")) as FontManifest;
  return manifest;
}

/** Whether a sorted list of [from, to] ranges holds a code point (binary search). */
export function inRanges(ranges: readonly (readonly [number, number])[], codePoint: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = ranges[mid]!;
    if (codePoint < from) hi = mid - 1;
    else if (codePoint > to) lo = mid + 1;
    else return true;
  }
  return false;
}

// Characters that are not drawn with a glyph but are fine in text: tab, line feed, carriage return (white space
// in Markdown and YAML), no-break space and soft hyphen (the bundled fonts have both; listed so this never depends on it).
const layoutCharacters = new Set([0x09, 0x0a, 0x0d, 0xa0, 0xad]);

/**
 * Whether the bundled fonts print a code point in every font stack (body, headings, code, running header): when
 * false, the character would become an empty box or a system font's glyph in the PDF. Control and other
 * characters no bundled font has are not printable; nor is a lone surrogate.
 */
export function printable(codePoint: number): boolean {
  return layoutCharacters.has(codePoint) || inRanges(fontManifest().printable, codePoint);
}

/**
 * The characters of a text that the bundled fonts cannot print (see printable), in order: their index in the
 * text (UTF-16 code units, as String.prototype.indexOf counts) and the character (a surrogate pair stays whole).
 */
export function unprintable(text: string): { index: number; char: string }[] {
  const found: { index: number; char: string }[] = [];
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index)!;
    const width = codePoint > 0xffff ? 2 : 1;
    // Most text is printable ASCII: no look-up.
    if (!(codePoint >= 0x20 && codePoint < 0x7f) && !printable(codePoint)) found.push({ index, char: text.slice(index, index + width) });
    index += width;
  }
  return found;
}

/** The @font-face rules and the font stacks as CSS variables (generated templates/fonts.css), put before style.css. */
export function fontFaceCss(): string {
  return fs.readFileSync(new URL("fonts.css", templateDir), "utf8");
}

/** The font files (and their licences) the site publishes below fonts/, by path in the site. */
export function siteFontFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const names = [...fontManifest().faces.map((f) => f.file), ...fs.readdirSync(fontDir).filter((n) => n.startsWith("LICENSE-"))].sort();
  for (const name of names) files.set(`fonts/${name}`, fs.readFileSync(new URL(name, fontDir)));
  return files;
}
