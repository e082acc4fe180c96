import { deflateSync } from "node:zlib";
import { objectValue, type PdfFile } from "./pdf-file.js";
import { newObjectNumber, rewriteObjects } from "./pdf-rewrite.js";
import type { PdfDict, PdfValue } from "./pdf-syntax.js";
import { writeValue } from "./pdf-write.js";

/**
 * The changes the post-processing makes to one PDF, collected before the file is written once: objects changed as
 * parsed values (get() hands out the parsed object to change in place, changed() marks it), objects replaced as
 * text, content streams with new data, and new objects. Everything is written in object number order, so two runs
 * on the same PDF give the same bytes.
 */
export class PdfEdit {
  private readonly values = new Map<number, PdfValue>();
  private readonly texts = new Map<number, string>();
  private readonly added: string[] = [];
  private readonly next: number;

  constructor(readonly pdf: PdfFile) {
    this.next = newObjectNumber(pdf);
  }

  /** Object `n` as parsed (for a stream, its dictionary): the value changed() writes back. */
  get(n: number): PdfValue | undefined {
    return this.values.get(n) ?? objectValue(this.pdf, n);
  }

  /** Marks object `n` (as get() returned it, changed in place) or gives its new value. */
  changed(n: number, value = this.get(n)): void {
    if (value === undefined) throw new Error(`PDF object ${n} not found`);
    this.values.set(n, value);
  }

  /** Replaces object `n` by a text of PDF syntax. */
  replace(n: number, text: string): void {
    this.texts.set(n, text);
  }

  /** Gives stream object `n` new (decoded) data, compressed as Chromium's are (FlateDecode). */
  stream(n: number, dict: PdfDict, data: string): void {
    this.texts.set(n, streamObject(dict, deflateSync(Buffer.from(data, "latin1")).toString("latin1"), "FlateDecode"));
  }

  /** Adds an object; returns its number. */
  add(value: PdfValue): number {
    this.added.push(writeValue(value));
    return this.next + this.added.length - 1;
  }

  /** Adds a stream of uncompressed data (the XMP packet, which is text meant to be found); returns its number. */
  addStream(dict: PdfDict, data: string): number {
    this.added.push(streamObject(dict, data));
    return this.next + this.added.length - 1;
  }

  /** The PDF with every change. */
  write(): Buffer {
    const replacements = new Map(this.texts);
    for (const [n, value] of this.values) if (!replacements.has(n)) replacements.set(n, writeValue(value));
    return rewriteObjects(this.pdf, replacements, this.added);
  }
}

function streamObject(dict: PdfDict, data: string, filter?: string): string {
  const own = new Map(dict);
  own.delete("Length");
  own.delete("DecodeParms");
  if (filter) own.set("Filter", { kind: "name", value: filter });
  else own.delete("Filter");
  own.set("Length", data.length);
  return `${writeValue(own)} stream\n${data}\nendstream`;
}
