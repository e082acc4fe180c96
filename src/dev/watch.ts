import path from "node:path";
import { watch } from "chokidar";
import { isSkippedName } from "../load/content-fs.js";

/** A watch of folders; `close` stops it. */
export interface Watch {
  close(): Promise<void>;
}

/** How a burst of file events becomes one rebuild. */
export interface Debounce {
  /** Quiet time after the last event before the rebuild (an editor's save by rename is several events within a few ms). */
  quietMs: number;
  /** The longest a rebuild waits while events keep coming. */
  maxWaitMs: number;
}

/** Waits this little: one save is one burst of events, a few milliseconds long. */
export const defaultDebounce: Debounce = { quietMs: 12, maxWaitMs: 120 };

// chokidar reports a file's changes at most once per 50 ms and drops the others, so a second save within that time
// (an editor saving twice, a fix typed right after a mistake) would go unseen: after each burst the folders are
// looked at once more, when that time is over. Reading them is cheap, and finding nothing changed costs nothing more.
const settleMs = 70;

/**
 * Watches folders (and every folder created in them later) with chokidar and calls `changed` once per burst of
 * events with the paths they named, and once more a moment later with none (see settleMs). Saves by rename (vim,
 * JetBrains: a new file renamed over the old one), deleted and renamed files, new folders: all are events like any
 * other, and no event has to be understood: the session reads the paths named, and everything after the burst.
 * Hidden files (editors' swap files) and node_modules are not watched, as toms never reads them. Resolves once the
 * folders are watched.
 */
export async function watchFolders(
  folders: string[],
  /** Called with the paths a burst of events named, then (settled) with none: look at everything. */
  changed: (paths: string[] | undefined) => void,
  failed: (error: Error) => void,
  debounce: Debounce = defaultDebounce,
): Promise<Watch> {
  const roots = new Set(folders.map((f) => path.resolve(f)));
  const watcher = watch([...roots], {
    ignoreInitial: true,
    ignored: (file) => !roots.has(path.resolve(file)) && isSkippedName(path.basename(file)),
    // Permission problems of one folder must not end the watch of the others.
    ignorePermissionErrors: true,
  });
  let pending = new Set<string>();
  let quiet: NodeJS.Timeout | undefined;
  let latest: NodeJS.Timeout | undefined;
  let settle: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(quiet);
    clearTimeout(latest);
    quiet = latest = undefined;
    const paths = [...pending];
    pending = new Set();
    if (paths.length === 0) return;
    changed(paths);
    settle = setTimeout(() => changed(undefined), settleMs);
  };
  watcher.on("all", (_event, file) => {
    pending.add(path.resolve(file));
    clearTimeout(settle);
    clearTimeout(quiet);
    quiet = setTimeout(flush, debounce.quietMs);
    latest ??= setTimeout(flush, debounce.maxWaitMs);
  });
  // A watcher error (a folder that vanished, too many watched files) is reported; watching goes on where it can.
  watcher.on("error", (error) => failed(error instanceof Error ? error : new Error(String(error))));
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  return {
    async close() {
      clearTimeout(quiet);
      clearTimeout(latest);
      clearTimeout(settle);
      await watcher.close();
    },
  };
}
