import type { ContentFs } from "../load/content-fs.js";
import { maxFileBytes } from "../load/source.js";
import { isInside } from "../util/paths.js";

/** The text of a file (absolute path) as toms read it, for code frames; undefined when there is none to show. */
export type SourceLookup = (file: string) => string | undefined;

/**
 * A content file system that keeps the bytes it hands out, and the lookup of those files as text: the frames of
 * `toms check` show exactly what was checked, no file is read twice, and a file the check did not read (a link
 * that leads outside, a named pipe) is never read for a frame either.
 */
export function remembering(inner: ContentFs): { fs: ContentFs; sources: SourceLookup } {
  const read = new Map<string, Buffer>();
  const fs: ContentFs = {
    files: () => inner.files(),
    exists: (file) => inner.exists(file),
    realpath: (file) => inner.realpath(file),
    read(file) {
      const bytes = inner.read(file);
      read.set(file, bytes);
      return bytes;
    },
  };
  return { fs, sources: cached((file) => read.get(file)) };
}

/**
 * The lookup of files read on demand from `contentFs` (the working tree for a build, a commit for `toms diff`):
 * only regular files inside `root`, as the content reader takes them; never throws.
 */
export function sourcesFrom(contentFs: ContentFs, root: string): SourceLookup {
  const realRoot = contentFs.realpath(root);
  return cached((file) => {
    try {
      if (!isInside(realRoot, contentFs.realpath(file))) return undefined;
      return contentFs.read(file);
    } catch {
      return undefined;
    }
  });
}

// Each file decoded once, however many problems it has.
function cached(bytesOf: (file: string) => Buffer | undefined): SourceLookup {
  const texts = new Map<string, string | undefined>();
  return (file) => {
    if (!texts.has(file)) {
      const bytes = bytesOf(file);
      texts.set(file, bytes === undefined ? undefined : decode(bytes));
    }
    return texts.get(file);
  };
}

/**
 * Bytes as text the way the content reader (load/source.ts) decodes them, so lines and columns agree: no UTF-8
 * byte-order mark, a lone CR as LF. Invalid UTF-8 shows as U+FFFD, which is where the reader places that problem.
 * Nothing for what is no text (UTF-16, NUL bytes) or too large to have been read.
 */
export function decode(bytes: Buffer): string | undefined {
  if (bytes.length > maxFileBytes) return undefined;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes.indexOf(0, start) !== -1) return undefined;
  return new TextDecoder("utf-8").decode(bytes.subarray(start)).replace(/\r(?!\n)/g, "\n");
}
