/**
 * A small reader for the PDFs Chromium (Skia) writes: one classic cross-reference table, plain
 * (uncompressed) dictionaries. Enough to find pages, named destinations and the Info dictionary, and
 * to decode the streams the text check reads (pdf-glyphs.ts); anything else in the file is left as bytes.
 */
import { inflateSync } from "node:zlib";
import { isName, isRef, parseValue, type PdfValue } from "./pdf-syntax.js";

/** Where one indirect object lies in the file. */
export interface ObjectSpan {
  start: number;
  /** Just after `endobj` and its line end. */
  end: number;
}

/** A parsed PDF: its bytes (as latin1 text, one char per byte), its objects and its trailer. */
export interface PdfFile {
  text: string;
  /** Object number → byte offset, from the cross-reference table (in-use entries only). */
  offsets: Map<number, number>;
  /** The trailer dictionary as written. */
  trailer: string;
  /** Byte offset of the `xref` keyword. */
  xrefAt: number;
  /** Objects parsed so far (see objectValue). */
  values?: Map<number, PdfValue | undefined>;
}

/** Reads the cross-reference table and trailer of a PDF; throws when the file is not the kind Skia writes. */
export function readPdf(bytes: Uint8Array): PdfFile {
  const text = Buffer.from(bytes).toString("latin1");
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!start) throw new Error("not a PDF: no startxref at the end");
  const xrefAt = Number(start[1]);
  if (!text.startsWith("xref", xrefAt)) throw new Error("the PDF uses a cross-reference stream, which this reader does not read");
  const trailerAt = text.indexOf("trailer", xrefAt);
  const offsets = new Map<number, number>();
  const table = text.slice(xrefAt + 4, trailerAt);
  const subsection = /(\d+) (\d+)\s*\n((?:\d{10} \d{5} [nf]\s*\n?)*)/g;
  for (const match of table.matchAll(subsection)) {
    const first = Number(match[1]);
    const entries = match[3]!.trim().split(/\s*\n/);
    entries.forEach((entry, i) => {
      const [offset, , kind] = entry.trim().split(" ");
      if (kind === "n") offsets.set(first + i, Number(offset));
    });
  }
  const trailer = text.slice(trailerAt, text.indexOf("startxref", trailerAt));
  return { text, offsets, trailer, xrefAt };
}

/** The span of object `n` in the file. */
export function objectSpan(pdf: PdfFile, n: number): ObjectSpan {
  const start = pdf.offsets.get(n);
  if (start === undefined || !pdf.text.startsWith(`${n} 0 obj`, start)) throw new Error(`PDF object ${n} not found`);
  const endobj = pdf.text.indexOf("endobj", start);
  const end = /^endobj\r?\n?/.exec(pdf.text.slice(endobj, endobj + 8))![0].length + endobj;
  return { start, end };
}

/** The text of object `n` between `obj` and `endobj` (a dictionary, possibly followed by a stream). */
export function objectBody(pdf: PdfFile, n: number): string {
  const { start, end } = objectSpan(pdf, n);
  return pdf.text
    .slice(start, end)
    .replace(/^\d+ 0 obj\s*/, "")
    .replace(/endobj\s*$/, "");
}

/** The object number a key of a dictionary refers to (`/Key n 0 R`). */
export function refOf(dictionary: string, key: string): number | undefined {
  const match = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dictionary);
  return match ? Number(match[1]) : undefined;
}

/** The catalog (/Root) dictionary's object number. */
export function rootOf(pdf: PdfFile): number {
  const root = refOf(pdf.trailer, "Root");
  if (root === undefined) throw new Error("the PDF trailer names no /Root");
  return root;
}

/** The page objects in reading order, walking the page tree (Skia nests it for longer documents). */
export function pageObjects(pdf: PdfFile): number[] {
  const pages = refOf(objectBody(pdf, rootOf(pdf)), "Pages");
  if (pages === undefined) throw new Error("the PDF catalog names no /Pages");
  const walk = (n: number): number[] => {
    const body = objectBody(pdf, n);
    if (!/\/Type\s*\/Pages\b/.test(body)) return [n];
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body)?.[1] ?? "";
    return [...kids.matchAll(/(\d+)\s+0\s+R/g)].flatMap((m) => walk(Number(m[1])));
  };
  return walk(pages);
}

/** Named destinations (the targets of the document's internal links): name → page number from 1. */
export function namedDestinations(pdf: PdfFile): Map<string, number> {
  const catalog = objectBody(pdf, rootOf(pdf));
  const result = new Map<string, number>();
  const dests = refOf(catalog, "Dests");
  if (dests === undefined) return result;
  const pageNumber = new Map(pageObjects(pdf).map((n, i) => [n, i + 1]));
  for (const m of objectBody(pdf, dests).matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+)\s+0\s+R/g)) {
    const page = pageNumber.get(Number(m[2]));
    if (page !== undefined) result.set(decodeName(m[1]!), page);
  }
  return result;
}

// PDF names escape bytes as #xx; ids are UTF-8.
function decodeName(name: string): string {
  const bytes = Buffer.from(
    name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  );
  return bytes.toString("utf8");
}

/** The value of object `n` (a dictionary, for a stream its dictionary), parsed. */
export function objectValue(pdf: PdfFile, n: number): PdfValue | undefined {
  const cached = pdf.values?.get(n);
  if (cached !== undefined) return cached;
  const { start } = objectSpan(pdf, n);
  const head = /^\d+ 0 obj\s*/.exec(pdf.text.slice(start, start + 32));
  const value = parseValue(pdf.text, start + (head?.[0].length ?? 0));
  (pdf.values ??= new Map()).set(n, value);
  return value;
}

/** A value with a reference followed to what it points at. */
export function resolve(pdf: PdfFile, value: PdfValue | undefined): PdfValue | undefined {
  return isRef(value) ? objectValue(pdf, value.n) : value;
}

/** The decoded data of stream object `n` as latin1 text (FlateDecode or none; anything else is an error). */
export function streamData(pdf: PdfFile, n: number): string {
  const dict = objectValue(pdf, n);
  if (!(dict instanceof Map)) throw new Error(`PDF object ${n} is not a stream`);
  const { start, end } = objectSpan(pdf, n);
  const keyword = /stream\r?\n/g;
  keyword.lastIndex = start;
  const found = keyword.exec(pdf.text);
  if (!found || found.index > end) throw new Error(`PDF object ${n} has no stream data`);
  const from = found.index + found[0].length;
  const length = resolve(pdf, dict.get("Length"));
  const to = typeof length === "number" ? from + length : pdf.text.lastIndexOf("endstream", end);
  const raw = Buffer.from(pdf.text.slice(from, to), "latin1");
  const filter = dict.get("Filter");
  const filters = (Array.isArray(filter) ? filter : filter === undefined ? [] : [filter]).map((f) => (isName(f) ? f.value : ""));
  if (filters.length === 0) return raw.toString("latin1");
  if (filters.length === 1 && filters[0] === "FlateDecode") return inflateSync(raw).toString("latin1");
  throw new Error(`PDF object ${n} uses the filter ${filters.join(", ")}, which this reader does not decode`);
}
