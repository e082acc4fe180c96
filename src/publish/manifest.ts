import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PublishedVersion } from "../render/index-page.js";

/** Name of the file in the output folder that records what a build wrote, for the next build to reuse. */
export const manifestName = "toms-manifest.json";

/** A PDF a build wrote: the key of everything it was printed from, and the SHA-256 of its bytes. */
export interface PdfRecord {
  key: string;
  sha256: string;
}

/** What a build wrote: its PDFs (by path in the output folder) and the versions the index lists. */
export interface Manifest {
  pdfs: Record<string, PdfRecord>;
  versions: PublishedVersion[];
}

/** Reads the manifest of an earlier build; an empty one when there is none or it is unreadable. */
export function readManifest(out: string): Manifest {
  try {
    const value = JSON.parse(fs.readFileSync(path.join(out, manifestName), "utf8")) as Partial<Manifest>;
    return { pdfs: value.pdfs ?? {}, versions: Array.isArray(value.versions) ? value.versions : [] };
  } catch {
    return { pdfs: {}, versions: [] };
  }
}

/** The SHA-256 of a file, hex. */
export function sha256File(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Hard-links (or, across file systems, copies) a file of the previous output into the new one. */
export function carryOver(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}
