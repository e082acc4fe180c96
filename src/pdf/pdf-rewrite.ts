import { objectSpan, type PdfFile } from "./pdf-file.js";

/**
 * Writes the PDF again with some objects replaced (object number → the new text between `n 0 obj` and
 * `endobj`), moving the cross-reference offsets of everything after them, and `added` objects appended (numbered
 * on from the last one, as newObjectNumber says). A rewrite in place rather than an incremental update: an update
 * would keep the replaced text (Chromium's clock, for one) in the file.
 */
export function rewriteObjects(pdf: PdfFile, replacements: Map<number, string>, added: string[] = []): Buffer {
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
  const first = newObjectNumber(pdf);
  let end = pdf.xrefAt + shift;
  const appended = added.map((body, i) => {
    const at = end;
    const object = `${first + i} 0 obj\n${body.trim()}\nendobj\n`;
    parts.push(object);
    end += object.length;
    return at;
  });
  const size = first + added.length;
  const rows = ["xref", `0 ${size}`, "0000000000 65535 f "];
  for (let n = 1; n < size; n++) {
    const at = n >= first ? appended[n - first] : pdf.offsets.get(n);
    rows.push(at === undefined ? "0000000000 65535 f " : `${String(n >= first ? at : offsetOf(at)).padStart(10, "0")} 00000 n `);
  }
  const trailer = added.length === 0 ? pdf.trailer : pdf.trailer.replace(/\/Size\s+\d+/, `/Size ${size}`);
  parts.push(`${rows.join("\n")}\n${trailer}startxref\n${end}\n%%EOF\n`);
  return Buffer.from(parts.join(""), "latin1");
}

/** The number the first object appended by rewriteObjects gets. */
export function newObjectNumber(pdf: PdfFile): number {
  return Math.max(...pdf.offsets.keys()) + 1;
}
