import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AnnexPage } from "../render/pages.js";
import type { TocGuesses } from "./toc-guesses.js";
import { templateDir } from "../render/template.js";
import { tomsVersion } from "../util/toms-version.js";

/** A PDF a build wrote: the key of everything it was printed from, its SHA-256, and its contents' page numbers. */
export interface PdfRecord {
  key: string;
  sha256: string;
  /** The page each entry of the contents points to (target id → page): the first guess when the annex changes. */
  toc?: Record<string, number>;
}

/** The PDFs of the previous output (by path in it), to take over unchanged ones. */
export interface PreviousOutput {
  out: string;
  pdfs: Record<string, PdfRecord>;
  /** The contents' page numbers of the last prints of this content's annexes (the cache; see toc-guesses.ts). */
  guesses?: TocGuesses;
}

let toolKey: string | undefined;

// Everything besides the page that shapes a PDF: toms's version and its templates (style sheet, header, footer).
function tool(): string {
  if (toolKey) return toolKey;
  const hash = createHash("sha256");
  hash.update(tomsVersion());
  const dir = fileURLToPath(templateDir);
  for (const name of fs.readdirSync(dir).sort()) hash.update(name).update(fs.readFileSync(path.join(dir, name)));
  toolKey = hash.digest("hex");
  return toolKey;
}

/**
 * The content key of an annex's PDF: its page, the templates, toms's version and the date stamped in; with a theme
 * also what the page does not say itself: the style sheet (the content's own, the accent) and the logo's bytes.
 */
export function pdfKey(page: AnnexPage, date: Date, theme?: { files: ReadonlyMap<string, string | Buffer>; logo?: string }): string {
  const hash = createHash("sha256").update(tool()).update(page.source).update(date.toISOString());
  if (theme) for (const name of ["style.css", ...(theme.logo ? [theme.logo] : [])]) hash.update(name).update(theme.files.get(name) ?? "");
  return hash.digest("hex");
}

/**
 * The bytes of the previous output's PDF at `rel` when it was printed from the same key and is still the file
 * recorded (its SHA-256); undefined when the annex must be printed.
 */
export function reusablePdf(previous: PreviousOutput, rel: string, key: string): Buffer | undefined {
  const record = previous.pdfs[rel];
  if (record?.key !== key) return undefined;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.join(previous.out, rel));
  } catch {
    return undefined;
  }
  return sha256(bytes) === record.sha256 ? bytes : undefined;
}

/** The SHA-256 of bytes, hex. */
export function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
