import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PdfRecord } from "../pdf/reuse.js";
import type { PublishedVersion } from "../render/pages.js";

/** Name of the file in the output folder that records what a build wrote, for the next build to reuse. */
export const manifestName = "toms-manifest.json";

/** A version a build wrote to `<version>/`, as the index lists it, with where it came from. */
export interface ManifestVersion extends PublishedVersion {
  /** The commit it was built from. */
  commit: string;
  /** The toms that built it. */
  toms: string;
  /** Whether its files came from the record of published versions (else this build made them). */
  recorded: boolean;
}

/**
 * What a build wrote: whether it is a draft (then nothing in it may be recorded as published), its PDFs (by path in
 * the output folder, for the next build to reuse) and the versions the index lists.
 */
export interface Manifest {
  draft: boolean;
  /** The version at the root: what a deployment of this site publishes (older ones are served or rebuilt copies). */
  latest?: string;
  pdfs: Record<string, PdfRecord>;
  versions: ManifestVersion[];
}

/** The PDFs an earlier build printed, to take over unchanged ones; none when there is no readable manifest. */
export function readPdfRecords(out: string): Record<string, PdfRecord> {
  try {
    const value = JSON.parse(fs.readFileSync(path.join(out, manifestName), "utf8")) as Partial<Manifest>;
    return typeof value.pdfs === "object" && value.pdfs !== null ? value.pdfs : {};
  } catch {
    return {};
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
