import { objectSpan, readPdf, refOf } from "./pdf-file.js";

/** The document information a PDF annex carries. */
export interface PdfMetadata {
  title: string;
  author: string;
  subject?: string;
  /** Stands for both CreationDate and ModDate, so two builds of the same content are byte-identical. */
  date: Date;
}

/**
 * Replaces the Info dictionary Chromium wrote (its clock as dates, its user agent as creator) with ours.
 * The object is rewritten in place and the cross-reference offsets after it shifted, rather than appended
 * as an incremental update, because an update would keep Chromium's timestamps in the file.
 */
export function setMetadata(bytes: Uint8Array, meta: PdfMetadata): Buffer {
  const pdf = readPdf(bytes);
  const info = refOf(pdf.trailer, "Info");
  if (info === undefined) throw new Error("the PDF trailer names no /Info");
  const span = objectSpan(pdf, info);
  const old = pdf.text.slice(span.start, span.end);
  const producer = /\/Producer\s*(\([^)]*\))/.exec(old)?.[1] ?? "(Skia/PDF)";
  const date = `(${pdfDate(meta.date)})`;
  const entries = [
    `/Title ${textString(meta.title)}`,
    `/Author ${textString(meta.author)}`,
    ...(meta.subject ? [`/Subject ${textString(meta.subject)}`] : []),
    "/Creator (toms)",
    `/Producer ${producer}`,
    `/CreationDate ${date}`,
    `/ModDate ${date}`,
  ];
  const object = `${info} 0 obj\n<<${entries.join("\n")}>>\nendobj\n`;
  const shift = object.length - (span.end - span.start);
  const offsets = new Map([...pdf.offsets].map(([n, at]) => [n, at > span.start ? at + shift : at]));
  const size = Math.max(...offsets.keys()) + 1;
  const rows = ["xref", `0 ${size}`, "0000000000 65535 f "];
  for (let n = 1; n < size; n++) {
    const at = offsets.get(n);
    rows.push(at === undefined ? "0000000000 65535 f " : `${String(at).padStart(10, "0")} 00000 n `);
  }
  const body = pdf.text.slice(0, span.start) + object + pdf.text.slice(span.end, pdf.xrefAt);
  const tail = `${rows.join("\n")}\n${pdf.trailer}startxref\n${pdf.xrefAt + shift}\n%%EOF\n`;
  return Buffer.from(body + tail, "latin1");
}

/** A PDF date string in UTC: D:YYYYMMDDHHmmSS+00'00'. */
export function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+00'00'`;
}

// A PDF text string as UTF-16BE with byte order mark, so umlauts and dashes survive every reader.
function textString(value: string): string {
  const hex = [...value].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (code <= 0xffff) return code.toString(16).padStart(4, "0");
    const v = code - 0x10000;
    return ((0xd800 + (v >> 10)).toString(16) + (0xdc00 + (v & 0x3ff)).toString(16)).padStart(8, "0");
  });
  return `<FEFF${hex.join("").toUpperCase()}>`;
}
