import { createHash } from "node:crypto";
import path from "node:path";
import { check } from "../commands/check.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { remembering, type SourceLookup } from "../diagnostics/sources.js";
import { type ContentFs, diskFs } from "../load/content-fs.js";
import type { Site } from "../model.js";
import { FileMemo } from "./check-memo.js";
import { changedPages, pageFingerprints } from "./fingerprint.js";

/** What one check of the working tree found. */
export interface Checked {
  /** The document, when the content has no error. */
  site: Site | undefined;
  /** Every problem, sorted as `toms check` lists them. */
  problems: Diagnostic[];
  /** The texts of the files as this check read them, for the problems' source lines. */
  sources: SourceLookup;
  /** The pages whose text changed since the last check without errors (file names, e.g. "berlin.html"); none after an error. */
  changed: string[];
  /** Every page's fingerprint (see fingerprint.ts), of the last check without errors. */
  fingerprints: ReadonlyMap<string, string>;
  /** How long reading, checking and the fingerprints took. */
  ms: number;
}

/**
 * The content folder as the preview knows it, brought up to date by `check()` after each save: the files the watcher
 * named are read again (and shortly after, every file: nothing an editor or a lost file event does can leave an old
 * text behind). When no byte changed there is nothing to do, else only files whose text changed are parsed and
 * checked again, and which annexes changed is told by their fingerprints, without rendering any.
 */
export class PreviewSession {
  readonly #memo = new FileMemo();
  #fingerprints: ReadonlyMap<string, string> = new Map();
  // Changes of toms's templates change every page: their generation is part of every fingerprint.
  #templates = 0;
  // What the last check read: a check of the very same files is not made again.
  #digest: string | undefined;
  readonly #folder = new FolderCache();

  constructor(readonly content: string) {}

  /**
   * Checks the content folder as it is now; undefined when no file changed since the last check (an editor's backup
   * file came and went, a save wrote the same text). With `changed` (what the watcher named), only those files and
   * new ones are read again, the others taken as read last time; without, every file is read again (what the watcher
   * may have missed is found then). Never throws for bad content (a bug in a stage still throws).
   */
  check(changed?: readonly string[]): Checked | undefined {
    const started = performance.now();
    const root = path.resolve(this.content);
    const snapshot = this.#folder.read(root, changed);
    const digest = `${this.#templates}:${snapshot.digest}`;
    if (digest === this.#digest) return undefined;
    this.#digest = digest;
    const { fs, sources } = remembering(snapshot.fs);
    const { site, diagnostics } = check(root, fs, { memo: this.#memo });
    this.#memo.prune();
    let pages: string[] = [];
    if (site) {
      const fingerprints = pageFingerprints(site, String(this.#templates));
      pages = changedPages(this.#fingerprints, fingerprints);
      this.#fingerprints = fingerprints;
    }
    return { site, problems: diagnostics.sorted(), sources, changed: pages, fingerprints: this.#fingerprints, ms: performance.now() - started };
  }

  /** Every page's fingerprint, of the last check without errors. */
  get fingerprints(): ReadonlyMap<string, string> {
    return this.#fingerprints;
  }

  /** Counts a change of toms's templates: the next check finds every page changed. */
  templatesChanged(): void {
    this.#templates++;
  }
}

// The files of the content folder as last read, by path: their bytes (or why they could not be read) and where
// they really lead (symbolic links followed). Reading a hundred files is cheap on an idle machine, but each costs four
// system calls, and on a busy one those add up to more than the check of the one file that changed.
class FolderCache {
  #bytes = new Map<string, Buffer | Error>();
  #real = new Map<string, string>();

  /** The folder now, as a ContentFs the check reads from, and a digest of its files' names and bytes. */
  read(root: string, changed?: readonly string[]): { fs: ContentFs; digest: string } {
    const disk = diskFs(root);
    if (changed === undefined) {
      this.#real.clear();
    } else {
      // A changed path may be a folder (renamed, removed) or a link: what lies below it, or leads through it, is read anew.
      const below = (file: string) => changed.some((c) => file === c || file.startsWith(`${c}${path.sep}`));
      for (const file of this.#real.keys()) if (below(file)) this.#real.delete(file);
      this.#real.delete(root);
    }
    const hash = createHash("sha1");
    let listed: string[] | Error;
    try {
      listed = disk.files();
    } catch (error) {
      listed = error as Error;
    }
    const bytes = new Map<string, Buffer | Error>();
    const again = changed === undefined ? undefined : new Set(changed);
    for (const file of Array.isArray(listed) ? listed : []) {
      let read = again && !again.has(file) ? this.#bytes.get(file) : undefined;
      if (read === undefined) {
        try {
          read = disk.read(file);
        } catch (error) {
          read = error as Error;
        }
      }
      bytes.set(file, read);
      hash.update(`\0${file}\0`).update(read instanceof Error ? `error ${(read as NodeJS.ErrnoException).code}` : read);
    }
    if (!Array.isArray(listed)) hash.update(`no folder ${(listed as NodeJS.ErrnoException).code}`);
    this.#bytes = bytes;
    const real = this.#real;
    const fs: ContentFs = {
      ...disk,
      files() {
        if (!Array.isArray(listed)) throw listed;
        return listed;
      },
      // A file the check names that is not listed (a hidden one) is read from disk, as the check would.
      read(file) {
        const read = bytes.get(file) ?? disk.read(file);
        if (read instanceof Error) throw read;
        return read;
      },
      realpath(file) {
        let found = real.get(file);
        if (found === undefined) real.set(file, (found = disk.realpath(file)));
        return found;
      },
    };
    return { fs, digest: hash.digest("hex") };
  }
}
