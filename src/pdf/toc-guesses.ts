import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The contents' page numbers of the last print of each annex, kept between builds in the user's cache, so that a
 * build into a new output folder (or from a fresh clone on the same machine) can start from them as the previous
 * output's manifest lets a rebuild do: printed once when they still hold, instead of a first print only to learn
 * them. Only a guess: a print is accepted only when the numbers it shows are the pages its entries landed on, so a
 * stale, missing or tampered cache costs a print, never a wrong page number. Kept per content folder (by its path).
 */
export interface TocGuesses {
  /** The numbers of the annex PDF at `rel` in the output (e.g. "berlin.pdf", "en/all.pdf"), when known. */
  get(rel: string): Map<string, number> | undefined;
  /** Remembers the numbers a print confirmed. */
  set(rel: string, toc: ReadonlyMap<string, number>): void;
  /** Writes what was set (atomically; a cache that cannot be written is left as it is). */
  save(): void;
}

// How many content folders the cache remembers (the most recently built ones).
const maxFolders = 50;

/** The folder of toms's cache: TOMS_CACHE_DIR, else toms/ in XDG_CACHE_HOME or ~/.cache. */
export function cacheDir(): string {
  const own = process.env.TOMS_CACHE_DIR;
  if (own) return own;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "toms");
}

type Stored = Record<string, Record<string, Record<string, number>>>;

/** The guesses for the annexes of one content folder. */
export function tocGuesses(contentRoot: string): TocGuesses {
  const file = path.join(cacheDir(), "toc-guesses.json");
  const root = path.resolve(contentRoot);
  let stored: Stored = {};
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) stored = parsed as Stored;
  } catch {
    // No cache yet, or one that cannot be read: every annex is printed from scratch.
  }
  const own = stored[root];
  const known = own && typeof own === "object" ? own : {};
  const updates = new Map<string, Record<string, number>>();
  return {
    get(rel) {
      const toc = known[rel];
      if (!toc || typeof toc !== "object") return undefined;
      const entries = Object.entries(toc).filter((e): e is [string, number] => Number.isSafeInteger(e[1]) && e[1] > 0);
      return entries.length > 0 ? new Map(entries) : undefined;
    },
    set(rel, toc) {
      updates.set(rel, Object.fromEntries(toc));
    },
    save() {
      if (updates.size === 0) return;
      const next: Stored = {};
      // This folder last (the most recent), the others in their order, the oldest dropped beyond maxFolders.
      const others = Object.entries(stored).filter(([key]) => key !== root);
      for (const [key, value] of others.slice(Math.max(0, others.length - (maxFolders - 1)))) next[key] = value;
      next[root] = { ...known, ...Object.fromEntries(updates) };
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, JSON.stringify(next));
        fs.renameSync(temporary, file);
      } catch {
        // A cache is only a help: a read-only home folder costs a print, nothing else.
      }
    },
  };
}
