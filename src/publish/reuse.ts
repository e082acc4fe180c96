import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AnnexPage } from "../render/site.js";
import { templateDir } from "../render/template.js";
import { tomsVersion } from "../util/toms-version.js";
import { carryOver, type PdfRecord, sha256File } from "./manifest.js";

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

/** The content key of an annex's PDF: its page, the templates, toms's version and the date stamped in. */
export function pdfKey(page: AnnexPage, date: Date): string {
  return createHash("sha256").update(tool()).update(page.source).update(date.toISOString()).digest("hex");
}

/**
 * Takes over the PDF of `rel` from the previous output when it was printed from the same key and its bytes are
 * still the ones recorded; returns the record, or undefined when it must be printed.
 */
export function reusePdf(previousOut: string, previous: Record<string, PdfRecord>, rel: string, key: string, target: string): PdfRecord | undefined {
  const record = previous[rel];
  const file = path.join(previousOut, rel);
  if (record?.key !== key || !fs.existsSync(file) || sha256File(file) !== record.sha256) return undefined;
  carryOver(file, target);
  return record;
}
