import path from "node:path";
import type { Site } from "../model.js";
import { buildDate } from "../pdf/build-date.js";
import type { Printer } from "../pdf/print.js";
import { renderSite, type AnnexPage } from "../render/site.js";
import { type PdfRecord, sha256File } from "./manifest.js";
import { strings } from "../render/i18n.js";
import type { PublishedVersion } from "../render/index-page.js";
import { pdfKey, reusePdf } from "./reuse.js";
import { writeFiles } from "./write-site.js";

/** Where one version's annexes are written and what may be reused for them. */
export interface AnnexSetTarget {
  /** Absolute folder the files go into (the staging folder, or a version folder inside it). */
  dir: string;
  /** The same folder relative to the output root ("" or "<version>"), as the manifest names files. */
  rel: string;
  pdf: boolean;
  /** The date stamped into the PDFs; default: the site's build date. */
  date?: Date;
  /** The previous output folder and the PDFs it holds, to take over unchanged PDFs. */
  previous: { out: string; pdfs: Record<string, PdfRecord> };
  /** A draft: pages and PDFs say so. */
  draft?: boolean;
  /** The build's one browser, started on first use. */
  printer: () => Promise<Printer>;
  /** Receives the PDFs written, by path in the output folder. */
  records: Record<string, PdfRecord>;
  log?: (line: string) => void;
}

/** The annexes of one version as written: pages and the SHA-256 of each PDF by file name. */
export interface WrittenAnnexSet {
  pages: AnnexPage[];
  hashes: Map<string, string>;
  files: string[];
}

/** Renders the annexes of a site into a folder and prints their PDFs, reusing each PDF whose page did not change. */
export async function writeAnnexSet(site: Site, target: AnnexSetTarget): Promise<WrittenAnnexSet> {
  const rendered = renderSite(site, { pdf: target.pdf, ...(target.draft && { draft: true }) });
  writeFiles(target.dir, rendered.files);
  const hashes = new Map<string, string>();
  const files = [...rendered.files.keys()];
  if (!target.pdf) return { pages: rendered.pages, hashes, files };
  const date = target.date ?? buildDate(site);
  const rel = (name: string) => path.posix.join(target.rel, name);
  const toPrint: { page: AnnexPage; key: string }[] = [];
  for (const page of rendered.pages) {
    const key = pdfKey(page, date);
    const reused = reusePdf(target.previous.out, target.previous.pdfs, rel(page.pdf), key, path.join(target.dir, page.pdf));
    if (reused) {
      target.records[rel(page.pdf)] = reused;
      target.log?.(`pdf  ${rel(page.pdf)} unchanged, reused`);
    } else {
      toPrint.push({ page, key });
    }
  }
  if (toPrint.length > 0) {
    const printer = await target.printer();
    await printer.print(
      site,
      toPrint.map((p) => p.page),
      target.dir,
      date,
    );
    for (const { page, key } of toPrint) target.records[rel(page.pdf)] = { key, sha256: sha256File(path.join(target.dir, page.pdf)) };
  }
  for (const page of rendered.pages) {
    hashes.set(page.pdf, (target.records[rel(page.pdf)] as PdfRecord).sha256);
    files.push(page.pdf);
  }
  return { pages: rendered.pages, hashes, files };
}

/** A written set as the index page lists it: each annex's name, page, PDF and the PDF's SHA-256. */
export function listedVersion(site: Site, set: WrittenAnnexSet): PublishedVersion {
  const t = strings(site.lang);
  return {
    version: site.version,
    validFrom: site.validFrom,
    files: set.pages.map((p) => ({
      name: p.annex.location?.name ?? t.combined,
      html: p.html,
      ...(set.hashes.has(p.pdf) && { pdf: p.pdf, download: p.download, sha256: set.hashes.get(p.pdf) as string }),
    })),
  };
}
