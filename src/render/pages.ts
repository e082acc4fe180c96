import type { Root } from "hast";
import type { Annex } from "../resolve/annex.js";

/** One annex page as rendered, before it is written or printed. */
export interface AnnexPage {
  annex: Annex;
  /** File name of the HTML page, e.g. "berlin.html". */
  html: string;
  /** File name of its PDF, e.g. "berlin.pdf". */
  pdf: string;
  /** File name a browser saves the PDF as. */
  download: string;
  /** The page as a tree: the printer fills the contents' page numbers into it (no parsing of `source`). */
  tree?: Root;
  /** The serialized page. */
  source: string;
  /** Title of the annex, for the PDF metadata. */
  title: string;
  /** Built from uncommitted content: the page and the PDF's running header say so. */
  draft: boolean;
  /** What the PDF's running header names where an annex names its location (a changes page: which change it shows). */
  running?: string;
  /** A draft shown by the live preview (`toms dev`): the banner and the running header say "preview". */
  preview?: boolean;
}

/** A rendered version: its annex pages and every file of its folder (pages, style sheet, fonts) by path. */
export interface RenderedSite {
  pages: AnnexPage[];
  files: Map<string, string | Buffer>;
}

/** Options of rendering. */
export interface RenderOptions {
  /** Whether PDFs are made, so the pages link to them. */
  pdf: boolean;
  /** The published versions listed on the index page (the current one included), newest first. */
  versions?: PublishedVersion[];
  /** Built from content that is not committed: every page carries a banner saying it is not published. */
  draft?: boolean;
  /** The version has a changes page (changes.html next to its annexes): its entry of the change history links it. */
  changes?: boolean;
  /** The live preview of the working tree (`toms dev`): a draft whose banner says "preview". */
  preview?: boolean;
  /** A site in several languages: those the page is in, which it links (default: every language of the site). */
  languages?: readonly string[];
  /**
   * The size in bytes of each PDF the index links, by its address relative to the index ("berlin.pdf",
   * "2026.1/berlin.pdf"): known only once the PDFs are printed, which is why the index is rendered last.
   */
  pdfSizes?: ReadonlyMap<string, number>;
}

/** One annex of a version as the index page links it: its name, page, PDF (when made) and the PDF's SHA-256. */
export interface AnnexFile {
  /** In a site of several languages, the language of a translation's annex (its page and PDF are in its folder, en/…). */
  lang?: string;
  name: string;
  html: string;
  pdf?: string;
  /** The file name a browser saves the PDF as. */
  download?: string;
  sha256?: string;
}

/** A published version, kept under dist/<version>/. */
export interface PublishedVersion {
  version: string;
  validFrom: string;
  files: AnnexFile[];
  /** Its changes page (and PDF) in its folder, and the version it compares with; absent for the first version. */
  changes?: VersionChanges;
  /** The changes pages of its translations (en/changes.html …), for those the version before it had too. */
  translatedChanges?: (VersionChanges & { lang: string })[];
}

/** A version's changes page: what changed against the version before it. */
export interface VersionChanges {
  html: string;
  pdf?: string;
  /** The version it compares with. */
  since: string;
}
