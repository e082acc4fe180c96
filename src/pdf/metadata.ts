import { objectBody, refOf, type PdfFile } from "./pdf-file.js";
import { encodeText } from "./pdf-text.js";

/** The document information a PDF annex carries. */
export interface PdfMetadata {
  title: string;
  author: string;
  subject?: string;
  /** Stands for both CreationDate and ModDate, so two builds of the same content are byte-identical. */
  date: Date;
}

/**
 * The Info dictionary to replace Chromium's (its clock as dates, its user agent as creator) with:
 * object number and new body. The language is not here: Chromium writes /Lang from <html lang> into the catalog.
 */
export function infoReplacement(pdf: PdfFile, meta: PdfMetadata): [number, string] {
  const info = refOf(pdf.trailer, "Info");
  if (info === undefined) throw new Error("the PDF trailer names no /Info");
  const producer = `(${producerOf(pdf)})`;
  const date = `(${pdfDate(meta.date)})`;
  const entries = [
    `/Title ${encodeText(meta.title)}`,
    `/Author ${encodeText(meta.author)}`,
    ...(meta.subject ? [`/Subject ${encodeText(meta.subject)}`] : []),
    "/Creator (toms)",
    `/Producer ${producer}`,
    `/CreationDate ${date}`,
    `/ModDate ${date}`,
  ];
  return [info, `<<${entries.join("\n")}>>`];
}

/** The Info dictionary's /Producer as Chromium wrote it (Skia's name and version), kept by toms. */
export function producerOf(pdf: PdfFile): string {
  const info = refOf(pdf.trailer, "Info");
  return (info !== undefined && /\/Producer\s*\(([^)]*)\)/.exec(objectBody(pdf, info))?.[1]) || "Skia/PDF";
}

/** A PDF date string in UTC: D:YYYYMMDDHHmmSS+00'00'. */
export function pdfDate(date: Date): string {
  const digits = date.toISOString().replace(/\D/g, "").slice(0, 14);
  return `D:${digits}+00'00'`;
}
