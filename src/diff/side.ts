import fs from "node:fs";
import path from "node:path";
import { Diagnostics, type Place } from "../diagnostics/diagnostic.js";
import { remembering, type SourceLookup } from "../diagnostics/sources.js";
import { diskFs, type ContentFs } from "../load/content-fs.js";
import { parseYamlFile } from "../load/yaml-file.js";
import type { Site } from "../model.js";
import { check } from "../commands/check.js";
import type { KnownIds } from "../resolve/resolve.js";
import { placeAt } from "../load/yaml-path.js";
import { resolveCommit, type RepoContent } from "./git.js";
import { gitFs } from "./git-fs.js";

/** One side of a diff: the content at a revision, or in the working tree, checked and resolved. */
export interface Side {
  /** The revision as the user named it; undefined for the working tree. */
  revision?: string;
  /** The commit id it resolved to. */
  commit?: string;
  /** How the report names this side: "main (1a2b3c4)" or "the working tree". */
  label: string;
  /** False when the revision (or the working tree) has no content folder; then `site` is undefined. */
  present: boolean;
  site: Site | undefined;
  diagnostics: Diagnostics;
  /** Where a top-level field of site.yaml is written on this side. */
  placeOf(field: string): Place;
  /** The texts of this side's files as they were checked, for the code frames of its problems. */
  sources: SourceLookup;
}

/** Reads the content folder at `revision` (or from the working tree when undefined) without touching the working tree or index. */
export function readSide(repo: RepoContent, contentDir: string, revision: string | undefined, cwd: string, base?: Side): Side {
  const root = path.resolve(cwd, contentDir);
  let contentFs: ContentFs = diskFs(root);
  let present = isFolder(root);
  let commit: string | undefined;
  if (revision !== undefined) {
    commit = resolveCommit(repo.top, revision);
    const fromGit = gitFs(repo.top, commit, repo.inRepo, root);
    contentFs = fromGit;
    present = fromGit.present;
  }
  const short = commit?.slice(0, 7);
  const label = revision === undefined ? "the working tree" : commit?.startsWith(revision) ? `${short}` : `${revision} (${short})`;
  const kept = remembering(contentFs);
  // The other side's ids: an id used twice here is reported where it is new.
  const known = base?.site && knownIds(base.site);
  const { site, diagnostics } = present ? check(root, kept.fs, known ? { known } : {}) : { site: undefined, diagnostics: new Diagnostics() };
  const sitePath = path.join(root, "site.yaml");
  const placeOf = (field: string): Place => {
    try {
      const text = contentFs
        .read(sitePath)
        .toString("utf8")
        .replace(/^\uFEFF/, "");
      const file = parseYamlFile(sitePath, text, new Diagnostics());
      if (file) return placeAt(file, [field]);
    } catch {
      // The file was read once already; should that fail now, the start of the file still names it.
    }
    return { file: sitePath, line: 1, column: 1 };
  };
  return { ...(revision !== undefined && { revision }), ...(commit && { commit }), label, present, site, diagnostics, placeOf, sources: kept.sources };
}

// Each section and measure id of a side, with the file it is written in.
function knownIds(site: Site): KnownIds {
  const sections = site.groups.flatMap((g) => g.sections);
  return {
    sections: new Map(sections.map((s) => [s.id, s.file])),
    measures: new Map(sections.flatMap((s) => s.measures.map((m) => [m.id, m.place.file] as const))),
  };
}

function isFolder(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
