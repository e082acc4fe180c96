import fs from "node:fs";
import path from "node:path";
import { gitFs } from "../diff/git-fs.js";
import type { Site } from "../model.js";
import type { PublishedVersion } from "../render/index-page.js";
import { strings } from "../render/i18n.js";
import { checkContent } from "../validate/check.js";
import { type AnnexSetTarget, writeAnnexSet, type WrittenAnnexSet } from "./annex-set.js";
import { carryOver } from "./manifest.js";
import { contentRepository, earlierVersions } from "./versions.js";

/** What archiving needs: the current version as written at the output root, and where to find the others. */
export interface ArchiveContext {
  site: Site;
  current: WrittenAnnexSet;
  content: string;
  /** Settings for writing a set; `dir` and `rel` are set per version. */
  target: Omit<AnnexSetTarget, "dir" | "rel" | "date">;
  staging: string;
}

/**
 * Writes every published version to `<version>/` next to the latest: the current one as just built, earlier
 * ones kept byte for byte from the previous output when it has them, otherwise rebuilt from the last git
 * commit that carried them (reproducible, so the PDFs' SHA-256 stay what customers signed). Newest first.
 */
export async function writeArchive(ctx: ArchiveContext): Promise<PublishedVersion[]> {
  const { site, current, staging, target } = ctx;
  const taken = new Set(fs.readdirSync(staging));
  const versions: PublishedVersion[] = [];
  if (!taken.has(site.version)) {
    for (const file of current.files) carryOver(path.join(staging, file), path.join(staging, site.version, file));
    for (const page of current.pages) {
      const record = target.records[page.pdf];
      if (record) target.records[path.posix.join(site.version, page.pdf)] = record;
    }
    versions.push(describe(site, current));
  }
  const repo = contentRepository(ctx.content);
  if (!repo) return versions;
  for (const earlier of earlierVersions(repo, site.version)) {
    if (taken.has(earlier.version)) continue;
    const kept = target.previous.manifest.versions.find((v) => v.version === earlier.version);
    const keptDir = path.join(target.previous.out, earlier.version);
    if (kept && fs.existsSync(keptDir)) {
      copyTree(keptDir, path.join(staging, earlier.version));
      for (const [rel, record] of Object.entries(target.previous.manifest.pdfs)) {
        if (rel.startsWith(`${earlier.version}/`)) target.records[rel] = record;
      }
      versions.push(kept);
      continue;
    }
    const root = path.resolve(ctx.content);
    const { site: old } = checkContent(ctx.content, gitFs(repo.top, earlier.commit, repo.inRepo, root));
    if (!old) {
      target.log?.(`archive  version ${earlier.version} (commit ${earlier.commit.slice(0, 12)}) has content errors and is not archived`);
      continue;
    }
    const dir = path.join(staging, earlier.version);
    const written = await writeAnnexSet(old, { ...target, dir, rel: earlier.version, date: earlier.date });
    target.log?.(`archive  version ${earlier.version} from commit ${earlier.commit.slice(0, 12)}`);
    versions.push(describe(old, written));
  }
  return versions;
}

function describe(site: Site, set: WrittenAnnexSet): PublishedVersion {
  const t = strings(site.lang);
  return {
    version: site.version,
    validFrom: site.validFrom,
    files: set.pages.map((p) => ({
      name: p.annex.location?.name ?? t.combined,
      html: p.html,
      ...(set.hashes.has(p.pdf) && { pdf: p.pdf, sha256: set.hashes.get(p.pdf) as string }),
    })),
  };
}

function copyTree(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyTree(source, path.join(to, entry.name));
    else if (entry.isFile()) carryOver(source, path.join(to, entry.name));
  }
}
