import { objectSpan, type PdfFile } from "./pdf-file.js";

/**
 * Writes the PDF again with some objects replaced (object number → the new text between `n 0 obj` and
 * `endobj`), moving the cross-reference offsets of everything after them. A rewrite in place rather than an
 * incremental update: an update would keep the replaced text (Chromium's clock, for one) in the file.
 */
export function rewriteObjects(pdf: PdfFile, replacements: Map<number, string>): Buffer {
  const spans = [...replacements.keys()].map((n) => ({ n, ...objectSpan(pdf, n) })).sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  const moved: { at: number; shift: number }[] = [];
  let cursor = 0;
  let shift = 0;
  for (const span of spans) {
    const object = `${span.n} 0 obj\n${replacements.get(span.n)!.trim()}\nendobj\n`;
    parts.push(pdf.text.slice(cursor, span.start), object);
    cursor = span.end;
    shift += object.length - (span.end - span.start);
    moved.push({ at: span.start, shift });
  }
  parts.push(pdf.text.slice(cursor, pdf.xrefAt));
  // Objects after a replaced one move by the sum of the size changes before them.
  const offsetOf = (at: number) => at + (moved.filter((m) => m.at < at).at(-1)?.shift ?? 0);
  const size = Math.max(...pdf.offsets.keys()) + 1;
  const rows = ["xref", `0 ${size}`, "0000000000 65535 f "];
  for (let n = 1; n < size; n++) {
    const at = pdf.offsets.get(n);
    rows.push(at === undefined ? "0000000000 65535 f " : `${String(offsetOf(at)).padStart(10, "0")} 00000 n `);
  }
  parts.push(`${rows.join("\n")}\n${pdf.trailer}startxref\n${pdf.xrefAt + shift}\n%%EOF\n`);
  return Buffer.from(parts.join(""), "latin1");
}
