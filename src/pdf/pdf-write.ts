import { isName, isRef, isString, type PdfValue } from "./pdf-syntax.js";

/**
 * A parsed PDF value written back as PDF syntax (ISO 32000-1 §7.3), in Skia's layout (a dictionary's entries one a
 * line), so an object toms changes reads like the ones around it. Strings of printable ASCII stay literal (the
 * structure ids renumbered after the rewrite are found as `(node…)`), any other string is hex.
 */
export function writeValue(value: PdfValue): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return writeNumber(value);
  if (Array.isArray(value)) return `[${value.map(writeValue).join(" ")}]`;
  if (value instanceof Map) return `<<${[...value].map(([key, v]) => `${writeName(key)} ${writeValue(v)}`).join("\n")}>>`;
  if (isName(value)) return writeName(value.value);
  if (isRef(value)) return `${value.n} 0 R`;
  if (isString(value)) return writeString(value.bytes);
  throw new Error("not a PDF value");
}

/** A name (§7.3.5): bytes outside the regular printable ones as #xx. */
export function writeName(name: string): string {
  return `/${name.replace(/[^\x21-\x7e]|[#%()/<>[\]{}]/g, (c) => `#${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)}`;
}

function writeString(bytes: string): string {
  if (/^[\x20-\x7e]*$/.test(bytes)) return `(${bytes.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  return `<${Buffer.from(bytes, "latin1").toString("hex").toUpperCase()}>`;
}

// PDF has no exponent notation: a number JavaScript would print as 1e-7 is written with decimals.
function writeNumber(n: number): string {
  const text = String(n);
  return text.includes("e") ? n.toFixed(6).replace(/\.?0+$/, "") : text;
}

/** A name value. */
export function name(value: string): PdfValue {
  return { kind: "name", value };
}

/** A reference to object `n`. */
export function ref(n: number): PdfValue {
  return { kind: "ref", n };
}

/** A text string (§7.9.2.2): PDFDocEncoding where it is ASCII, else UTF-16BE with a byte order mark. */
export function textString(text: string): PdfValue {
  if (/^[\x20-\x7e]*$/.test(text)) return { kind: "string", bytes: text };
  return { kind: "string", bytes: `\xfe\xff${Buffer.from(text, "utf16le").swap16().toString("latin1")}` };
}
