import fs from "node:fs";
import path from "node:path";
import type { AnnexPdf } from "../pdf/print-version.js";
import type { PdfRecord } from "../pdf/reuse.js";
import type { AnnexPage } from "../render/pages.js";
import { removeTree } from "../util/remove-tree.js";
import { carryOver, type Manifest, manifestName, type ManifestVersion } from "./manifest.js";

/** The file name of the site's Atom feed. */
export const feedName = "feed.xml";

/** A folder being built next to the output folder; becomes the output only when complete. */
export interface Staging {
  dir: string;
  /** Replaces the output folder with the staged one in two renames; the old one is removed afterwards. */
  commit(): void;
  /** Removes the staged folder, leaving the output as it was (no-op after a commit); commit() then refuses. */
  discard(): void;
  /** Whether the staged folder has become the output. */
  committed(): boolean;
}

/** Starts a build of `out` in a hidden sibling folder (same file system, so the final rename is atomic). */
export function stage(out: string): Staging {
  const target = path.resolve(out);
  const parent = path.dirname(target);
  const base = path.basename(target);
  recover(target);
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, `.${base}.toms-new-${process.pid}-`));
  let done = false;
  let committed = false;
  return {
    dir,
    commit() {
      // A build cancelled by a signal has discarded its folder: the output must stay as it was.
      if (done) throw new Error("the build was cancelled");
      const old = path.join(parent, `.${base}.toms-old-${process.pid}`);
      const had = fs.existsSync(target);
      // mkdtemp creates the folder private (0700); a published site is world-readable.
      fs.chmodSync(dir, 0o755);
      if (had) fs.renameSync(target, old);
      try {
        fs.renameSync(dir, target);
      } catch (error) {
        // The process lives on: put the old site straight back rather than leave it for the next build's recover().
        if (had) fs.renameSync(old, target);
        throw error;
      }
      done = true;
      committed = true;
      if (had) fs.rmSync(old, { recursive: true, force: true });
    },
    discard() {
      // Safe to call twice (signal handler, then the build's finally). A write still in flight (PDFs are written
      // asynchronously) can refill the folder while it is removed: removeTree lists it afresh.
      if (!committed) removeTree(dir);
      done = true;
    },
    committed: () => committed,
  };
}

/** The files of one version of the site, by path in its folder, with the PDFs this build printed or took over. */
export interface VersionFiles {
  version: ManifestVersion;
  files: Map<string, string | Buffer>;
  pdfs: Map<string, AnnexPdf>;
  pages: AnnexPage[];
}

/** Everything a build publishes. */
export interface SiteToPublish {
  /** The latest version: at the root, and under `<version>/` too unless a draft. */
  latest: VersionFiles;
  /** Earlier versions, each under `<version>/`. */
  archived: VersionFiles[];
  /** The index page. */
  index: string;
  /** The Atom feed of the published versions (feed.xml), when the site has a public address. */
  feed?: string;
  draft: boolean;
  /** The versions the index lists (recorded in the manifest). */
  versions: ManifestVersion[];
}

/**
 * The publish stage: writes the site into the staging folder (the latest version at the root and under its
 * version, every archived version under its own, the index page and the manifest) and swaps it in for the output
 * folder. Returns the files written at the root.
 */
export function publishSite(staging: Staging, site: SiteToPublish): string[] {
  const pdfs: Record<string, PdfRecord> = {};
  const put = (rel: string, version: VersionFiles) => {
    for (const [name, pdf] of version.pdfs) pdfs[path.posix.join(rel, name)] = pdf.record;
  };
  writeFiles(staging.dir, site.latest.files);
  put("", site.latest);
  if (!site.draft && site.versions.length > 0) {
    // The same files again under the version's own address: linked, not written twice.
    const folder = site.latest.version.version;
    for (const name of site.latest.files.keys()) carryOver(path.join(staging.dir, name), path.join(staging.dir, folder, name));
    put(folder, site.latest);
  }
  for (const version of site.archived) {
    writeFiles(path.join(staging.dir, version.version.version), version.files);
    put(version.version.version, version);
  }
  fs.writeFileSync(path.join(staging.dir, "index.html"), site.index);
  if (site.feed !== undefined) fs.writeFileSync(path.join(staging.dir, feedName), site.feed);
  const manifest: Manifest = {
    draft: site.draft,
    pdfs: Object.fromEntries(Object.entries(pdfs).sort(([a], [b]) => (a < b ? -1 : 1))),
    versions: site.versions,
  };
  fs.writeFileSync(path.join(staging.dir, manifestName), `${JSON.stringify(manifest, null, 2)}\n`);
  staging.commit();
  return [...site.latest.files.keys(), "index.html", ...(site.feed !== undefined ? [feedName] : [])];
}

/** Writes files (name → content) below a folder, creating subfolders. */
export function writeFiles(dir: string, files: Map<string, string | Buffer>): void {
  for (const [name, content] of files) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/**
 * Repairs what a killed build left next to `out`: a build killed between the two renames of commit() leaves the
 * old site as .<out>.toms-old-<pid> (put back when `out` is missing, else removed); staged folders are removed.
 * Folders of a build still running (live pid) are left alone.
 */
export function recover(out: string): void {
  const target = path.resolve(out);
  const parent = path.dirname(target);
  const base = path.basename(target);
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(parent);
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(parent, entry);
    if (entry.startsWith(`.${base}.toms-old-`)) {
      // commit() is synchronous, so this process's own old folder is never in the middle of one.
      const pid = Number(entry.slice(`.${base}.toms-old-`.length));
      if (pid !== process.pid && isAlive(pid)) continue;
      if (!fs.existsSync(target)) fs.renameSync(full, target);
      else fs.rmSync(full, { recursive: true, force: true });
    } else if (entry.startsWith(`.${base}.toms-new-`)) {
      const pid = Number(/toms-new-(\d+)-/.exec(entry)?.[1]);
      if (!isAlive(pid)) fs.rmSync(full, { recursive: true, force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
