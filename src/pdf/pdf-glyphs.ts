import { objectValue, pageObjects, resolve, streamData, type PdfFile } from "./pdf-file.js";
import { hexBytes, isName, isOp, isRef, isString, PdfLexer, readNumber, type PdfDict, type PdfValue } from "./pdf-syntax.js";

// What a reader's PDF viewer extracts as text, with where each glyph is: the page content streams run through the
// text operators of ISO 32000-1 §9 (text state, text and graphics matrices, form XObjects), each glyph's text from
// its font's ToUnicode map or from the /ActualText of the span it is in. Written for Skia's output (Type 0 fonts
// with Identity-H, Type 3 fonts, FlateDecode streams) rather than taken from pdf.js (pdfjs-dist), measured on the
// shipped annexes on a busy 2-core machine: pdf.js 5.4 (the last for Node 20) took 190–420 ms to load and 380–530
// ms for the first PDF, 90–100 ms for each further one; this takes 170–240 ms for the first (mostly the JIT
// warming up) and 40–90 ms for each further one, without loading 70 MB (pdfjs-dist and its canvas binding).

/** One glyph as drawn. */
export interface Glyph {
  /** The text it stands for ("" for a glyph without a Unicode mapping, or inside an ActualText span after its first). */
  text: string;
  /** Start and end of its advance along the baseline, in points on the page. */
  x: number;
  xEnd: number;
  /** Its baseline, in points on the page. */
  y: number;
  /** Its font size on the page, in points. */
  size: number;
  /** Outside all marked content with an MCID: in a tagged PDF from Chromium, the running header and footer. */
  running: boolean;
  /** The font it is drawn in. */
  font: PdfFontName;
}

/** A font as the PDF names it: its /BaseFont without the subset prefix (undefined for a Type 3 font) and /Subtype. */
export interface PdfFontName {
  name: string | undefined;
  subtype: string;
}

type Matrix = [number, number, number, number, number, number];
const identity: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

/** A font ready to decode: code length, each code's text and advance (in text space units per unit of font size). */
interface DecodedFont {
  id: PdfFontName;
  codeLength: 1 | 2;
  unicode: Map<number, string>;
  width(code: number): number;
}

/**
 * Receives each glyph as drawn (see Glyph for the arguments), page after page: `page` is called before each page's
 * first glyph. Numbers rather than an object per glyph: an annex has tens of thousands, and keeping them all as
 * objects cost more in garbage collection than reading them.
 */
export interface GlyphVisitor {
  page(): void;
  glyph(text: string, x: number, xEnd: number, y: number, size: number, running: boolean, font: PdfFontName): void;
}

/** Reads every page's glyphs, in the order the content streams draw them, into `visitor`. */
export function readGlyphs(pdf: PdfFile, visitor: GlyphVisitor): void {
  const fonts = new Map<number, DecodedFont>();
  for (const n of pageObjects(pdf)) {
    visitor.page();
    const page = objectValue(pdf, n);
    if (!(page instanceof Map)) continue;
    const contents = resolve(pdf, page.get("Contents"));
    const streams = Array.isArray(contents) ? contents : [page.get("Contents")];
    // The streams of a page are one content stream cut in pieces (§7.8.2).
    const text = streams.map((s) => (isRef(s) ? streamData(pdf, s.n) : "")).join("\n");
    run(pdf, text, inheritedResources(pdf, page), identity, visitor, fonts);
  }
}

/** The glyphs of every page as objects (for tests and tools; the build uses readGlyphs). */
export function pdfGlyphs(pdf: PdfFile): Glyph[][] {
  const pages: Glyph[][] = [];
  readGlyphs(pdf, {
    page: () => pages.push([]),
    glyph: (text, x, xEnd, y, size, running, font) => pages.at(-1)!.push({ text, x, xEnd, y, size, running, font }),
  });
  return pages;
}

// Resources may sit on the page or on a parent Pages node.
function inheritedResources(pdf: PdfFile, page: PdfDict): PdfDict {
  for (let node: PdfValue | undefined = page, depth = 0; node instanceof Map && depth < 32; node = resolve(pdf, node.get("Parent")), depth++) {
    const resources = resolve(pdf, node.get("Resources"));
    if (resources instanceof Map) return resources;
  }
  return new Map();
}

interface State {
  ctm: Matrix;
  font: DecodedFont | undefined;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  scale: number;
  leading: number;
  rise: number;
}

// A marked-content sequence: whether it has an MCID (page content, not an artifact) and its ActualText, if any.
interface Marked {
  mcid: boolean;
  actualText?: string;
  used: boolean;
}

function run(
  pdf: PdfFile,
  content: string,
  resources: PdfDict,
  ctm: Matrix,
  visitor: GlyphVisitor,
  fonts: Map<number, DecodedFont>,
  marked: Marked[] = [],
  depth = 0,
): void {
  const lexer = new PdfLexer(content);
  let state: State = { ctm, font: undefined, size: 0, charSpacing: 0, wordSpacing: 0, scale: 1, leading: 0, rise: 0 };
  const saved: State[] = [];
  // The text matrix and text line matrix, changed in place (Skia moves to every glyph with its own Td).
  const tm: Matrix = [...identity];
  const tlm: Matrix = [...identity];
  const setLine = (m: Matrix) => {
    for (let k = 0; k < 6; k++) tlm[k] = tm[k] = m[k]!;
  };
  const moveLine = (tx: number, ty: number) => {
    const e = tlm[4] + tx * tlm[0] + ty * tlm[2];
    const f = tlm[5] + tx * tlm[1] + ty * tlm[3];
    tlm[4] = e;
    tlm[5] = f;
    for (let k = 0; k < 6; k++) tm[k] = tlm[k]!;
  };
  // Moves the text matrix along its baseline: Tm = translate(tx, 0) × Tm.
  const advanceBy = (tx: number) => {
    tm[4] += tx * tm[0];
    tm[5] += tx * tm[1];
  };
  // The operands of the current operator: a number or hex string as where it is (read only when an operator needs
  // it: most numbers are coordinates of paths, most strings one glyph), anything else as its value. Reused.
  const starts: number[] = [];
  const ends: number[] = [];
  const values: (PdfValue | typeof hexString | undefined)[] = [];
  let count = 0;
  const fontResources = resolve(pdf, resources.get("Font"));
  const xobjects = resolve(pdf, resources.get("XObject"));
  const num = (i: number) => (i < count && values[i] === undefined ? (readNumber(content, starts[i]!, ends[i]!) ?? 0) : 0);
  const operand = (i: number): PdfValue | undefined => {
    if (i >= count) return undefined;
    const value = values[i];
    return value === hexString ? { kind: "string", bytes: hexBytes(content, starts[i]!, ends[i]!) } : value;
  };
  // Whether the text drawn now is page content (in marked content with an MCID), and the ActualText span it is in.
  let body = false;
  let span: Marked | undefined;
  const markedChanged = () => {
    body = marked.some((mc) => mc.mcid);
    span = marked.findLast((mc) => mc.actualText !== undefined);
  };
  markedChanged();

  const m: Matrix = [...identity];
  // Draws the codes of a string: the bytes of `text` from `from` to `to`, or its hex digits there.
  const show = (text: string, from: number, to: number, hex: boolean) => {
    const font = state.font;
    if (!font) return;
    // The text rendering matrix (§9.4.4) is [size·scale 0 0 size 0 rise] × Tm × CTM; only its origin and the
    // baseline's direction are needed, and the text matrix only moves along the baseline within a string.
    const c = state.ctm;
    m[0] = tm[0] * c[0] + tm[1] * c[2];
    m[1] = tm[0] * c[1] + tm[1] * c[3];
    m[2] = tm[2] * c[0] + tm[3] * c[2];
    m[3] = tm[2] * c[1] + tm[3] * c[3];
    m[4] = tm[4] * c[0] + tm[5] * c[2] + c[4];
    m[5] = tm[4] * c[1] + tm[5] * c[3] + c[5];
    const size = Math.abs(state.size) * Math.hypot(m[2], m[3]);
    let moved = 0;
    let code = 0;
    let bytes = 0;
    let high = -1;
    for (let i = from; i < to; i++) {
      let byte: number;
      if (hex) {
        const ch = text.charCodeAt(i);
        const digit = ch >= 0x30 && ch <= 0x39 ? ch - 0x30 : ch >= 0x61 && ch <= 0x66 ? ch - 0x57 : ch >= 0x41 && ch <= 0x46 ? ch - 0x37 : -1;
        if (digit < 0) continue;
        if (high < 0) {
          high = digit;
          continue;
        }
        byte = high * 16 + digit;
        high = -1;
      } else byte = text.charCodeAt(i) & 0xff;
      code = code * 256 + byte;
      if (++bytes < font.codeLength) continue;
      const advance = (font.width(code) * state.size + state.charSpacing + (font.codeLength === 1 && code === 32 ? state.wordSpacing : 0)) * state.scale;
      const x = state.rise * m[2] + m[4] + moved * m[0];
      const y = state.rise * m[3] + m[5] + moved * m[1];
      let glyphText = font.unicode.get(code) ?? "";
      if (span) {
        glyphText = span.used ? "" : span.actualText!;
        span.used = true;
      }
      visitor.glyph(glyphText, x, x + advance * m[0], y, size, !body, font.id);
      moved += advance;
      code = 0;
      bytes = 0;
    }
    advanceBy(moved);
  };
  const showOperand = (i: number) => {
    if (i < 0 || i >= count) return;
    const value = values[i];
    if (value === hexString) show(content, starts[i]!, ends[i]!, true);
    else if (isString(value)) show(value.bytes, 0, value.bytes.length, false);
  };

  for (;;) {
    const kind = lexer.scan();
    if (kind === "end") break;
    if (kind !== "op") {
      starts[count] = lexer.start;
      ends[count] = lexer.pos;
      values[count] = kind === "value" ? lexer.last : kind === "hex" ? hexString : undefined;
      if (kind === "hex") ends[count] = lexer.pos - 1;
      count++;
      continue;
    }
    switch (lexer.word) {
      case "q":
        saved.push({ ...state });
        break;
      case "Q":
        state = saved.pop() ?? state;
        break;
      case "cm":
        state.ctm = multiply([num(0), num(1), num(2), num(3), num(4), num(5)], state.ctm);
        break;
      case "BT":
        setLine(identity);
        break;
      case "Tf": {
        const name = operand(0);
        const ref = fontResources instanceof Map && isName(name) ? fontResources.get(name.value) : undefined;
        state.font = isRef(ref) ? decodedFont(pdf, ref.n, fonts) : undefined;
        state.size = num(1);
        break;
      }
      case "Tc":
        state.charSpacing = num(0);
        break;
      case "Tw":
        state.wordSpacing = num(0);
        break;
      case "Tz":
        state.scale = num(0) / 100;
        break;
      case "TL":
        state.leading = num(0);
        break;
      case "Ts":
        state.rise = num(0);
        break;
      case "Td":
        moveLine(num(0), num(1));
        break;
      case "TD":
        state.leading = -num(1);
        moveLine(num(0), num(1));
        break;
      case "Tm":
        setLine([num(0), num(1), num(2), num(3), num(4), num(5)]);
        break;
      case "T*":
        moveLine(0, -state.leading);
        break;
      case "Tj":
        showOperand(0);
        break;
      case "'":
      case '"':
        if (lexer.word === '"') {
          state.wordSpacing = num(0);
          state.charSpacing = num(1);
        }
        moveLine(0, -state.leading);
        showOperand(count - 1);
        break;
      case "TJ": {
        const items = operand(0);
        for (const item of Array.isArray(items) ? items : []) {
          if (isString(item)) show(item.bytes, 0, item.bytes.length, false);
          else if (typeof item === "number") advanceBy((-item / 1000) * state.size * state.scale);
        }
        break;
      }
      case "BMC":
        marked.push({ mcid: false, used: false });
        markedChanged();
        break;
      case "BDC": {
        const props = operand(1);
        const dict = props instanceof Map ? props : undefined;
        const actual = dict?.get("ActualText");
        marked.push({ mcid: dict?.has("MCID") ?? false, ...(isString(actual) ? { actualText: decodeTextString(actual.bytes) } : {}), used: false });
        markedChanged();
        break;
      }
      case "EMC":
        marked.pop();
        markedChanged();
        break;
      case "Do": {
        const name = operand(0);
        const ref = xobjects instanceof Map && isName(name) ? xobjects.get(name.value) : undefined;
        const form = isRef(ref) ? objectValue(pdf, ref.n) : undefined;
        if (depth < 8 && isRef(ref) && form instanceof Map && isName(form.get("Subtype")) && (form.get("Subtype") as { value: string }).value === "Form") {
          const matrix = resolve(pdf, form.get("Matrix"));
          const own = resolve(pdf, form.get("Resources"));
          const fm = Array.isArray(matrix) && matrix.length === 6 && matrix.every((v) => typeof v === "number") ? (matrix as Matrix) : identity;
          run(pdf, streamData(pdf, ref.n), own instanceof Map ? own : resources, multiply(fm, state.ctm), visitor, fonts, marked, depth + 1);
          markedChanged();
        }
        break;
      }
      case "BI": {
        // An inline image: its data runs to the EI keyword.
        const end = /\sEI(?=[\s]|$)/g;
        end.lastIndex = lexer.pos;
        const found = end.exec(content);
        lexer.pos = found ? found.index + found[0].length : content.length;
        break;
      }
    }
    count = 0;
  }
}

// Marks an operand that is a hex string not yet decoded (it lies at starts[i]…ends[i] of the content).
const hexString = Symbol("hex string");

/** A PDF text string (§7.9.2.2): UTF-16BE after a byte order mark, else PDFDocEncoding (read as latin1). */
export function decodeTextString(bytes: string): string {
  if (bytes.charCodeAt(0) === 0xfe && bytes.charCodeAt(1) === 0xff) return Buffer.from(bytes.slice(2), "latin1").swap16().toString("utf16le");
  return bytes;
}

function decodedFont(pdf: PdfFile, n: number, fonts: Map<number, DecodedFont>): DecodedFont | undefined {
  const known = fonts.get(n);
  if (known) return known;
  const dict = objectValue(pdf, n);
  if (!(dict instanceof Map)) return undefined;
  const subtype = nameOf(dict.get("Subtype")) ?? "";
  const base = nameOf(dict.get("BaseFont"));
  const id: PdfFontName = { name: subtype === "Type3" ? undefined : base?.replace(/^[A-Z]{6}\+/, ""), subtype };
  const toUnicode =
    resolve(pdf, dict.get("ToUnicode")) instanceof Map && isRef(dict.get("ToUnicode"))
      ? parseToUnicode(streamData(pdf, (dict.get("ToUnicode") as { n: number }).n))
      : new Map<number, string>();
  let font: DecodedFont;
  if (subtype === "Type0") {
    const descendants = resolve(pdf, dict.get("DescendantFonts"));
    const cid = resolve(pdf, Array.isArray(descendants) ? descendants[0] : undefined);
    const widths = new Map<number, number>();
    let fallback = 1000;
    if (cid instanceof Map) {
      const dw = resolve(pdf, cid.get("DW"));
      if (typeof dw === "number") fallback = dw;
      const w = resolve(pdf, cid.get("W"));
      if (Array.isArray(w)) readCidWidths(w, widths);
    }
    font = { id, codeLength: 2, unicode: toUnicode, width: (code) => (widths.get(code) ?? fallback) / 1000 };
  } else {
    // Simple fonts (Type 3 included): one byte per code, widths from FirstChar; Type 3 widths are in glyph space.
    const first = resolve(pdf, dict.get("FirstChar"));
    const widths = resolve(pdf, dict.get("Widths"));
    const matrix = resolve(pdf, dict.get("FontMatrix"));
    const unit = subtype === "Type3" && Array.isArray(matrix) && typeof matrix[0] === "number" ? matrix[0] : 1 / 1000;
    const table = Array.isArray(widths) ? widths.map((w) => (typeof resolve(pdf, w) === "number" ? (resolve(pdf, w) as number) : 0)) : [];
    const from = typeof first === "number" ? first : 0;
    const unicode = toUnicode.size > 0 ? toUnicode : new Map(Array.from({ length: 256 }, (_, c) => [c, String.fromCharCode(c)]));
    font = { id, codeLength: 1, unicode, width: (code) => (table[code - from] ?? 0) * unit };
  }
  fonts.set(n, font);
  return font;
}

function nameOf(value: PdfValue | undefined): string | undefined {
  return isName(value) ? value.value : undefined;
}

// /W [c [w1 w2 …] c_first c_last w …] (§9.7.4.3).
function readCidWidths(w: PdfValue[], widths: Map<number, number>): void {
  for (let i = 0; i < w.length; ) {
    const first = w[i];
    const next = w[i + 1];
    if (typeof first !== "number") break;
    if (Array.isArray(next)) {
      next.forEach((width, k) => typeof width === "number" && widths.set(first + k, width));
      i += 2;
    } else if (typeof next === "number" && typeof w[i + 2] === "number") {
      for (let c = first; c <= next; c++) widths.set(c, w[i + 2] as number);
      i += 3;
    } else break;
  }
}

/** A ToUnicode CMap (§9.10.3): code → text, from its bfchar and bfrange sections. */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const lexer = new PdfLexer(cmap);
  const code = (bytes: string) => [...bytes].reduce((n, ch) => n * 256 + ch.charCodeAt(0), 0);
  const utf16 = (bytes: string) => Buffer.from(bytes, "latin1").swap16().toString("utf16le");
  let section: "bfchar" | "bfrange" | undefined;
  let items: PdfValue[] = [];
  for (;;) {
    const value = lexer.value();
    if (value === undefined) {
      if (lexer.pos >= cmap.length) break;
      continue;
    }
    if (isOp(value)) {
      if (value.value === "beginbfchar" || value.value === "beginbfrange") {
        section = value.value === "beginbfchar" ? "bfchar" : "bfrange";
        items = [];
      } else if (value.value === "endbfchar") {
        for (let i = 0; i + 1 < items.length; i += 2) {
          const [src, dst] = [items[i], items[i + 1]];
          if (isString(src) && isString(dst) && dst.bytes.length % 2 === 0) map.set(code(src.bytes), utf16(dst.bytes));
        }
        section = undefined;
      } else if (value.value === "endbfrange") {
        for (let i = 0; i + 2 < items.length; i += 3) {
          const [lo, hi, dst] = [items[i], items[i + 1], items[i + 2]];
          if (!isString(lo) || !isString(hi)) continue;
          const [from, to] = [code(lo.bytes), code(hi.bytes)];
          if (Array.isArray(dst)) dst.forEach((d, k) => isString(d) && d.bytes.length % 2 === 0 && map.set(from + k, utf16(d.bytes)));
          else if (isString(dst) && dst.bytes.length % 2 === 0 && to - from < 65536) {
            // The last UTF-16 unit counts up along the range.
            const text = utf16(dst.bytes);
            for (let c = from; c <= to; c++) map.set(c, text.slice(0, -1) + String.fromCharCode(text.charCodeAt(text.length - 1) + (c - from)));
          }
        }
        section = undefined;
      }
      continue;
    }
    if (section) items.push(value);
  }
  return map;
}
