import fs from "node:fs";
import path from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostic.js";

/** Largest content file toms reads (1 MiB): an annex's file is a few kilobytes; bigger is a mistake or an attack. */
export const maxFileBytes = 1024 * 1024;

/** Reads content files as text, once each: checks size and UTF-8, strips a byte-order mark, and remembers the result. */
export class SourceReader {
  readonly #cache = new Map<string, string | undefined>();

  constructor(
    readonly root: string,
    readonly diagnostics: Diagnostics,
    /** Reads the raw bytes of a path; replaced to read files from a git revision. */
    readonly readBytes: (file: string) => Buffer = (file) => fs.readFileSync(file),
  ) {}

  /** The text of a file, or undefined (with a diagnostic) when it cannot be used. */
  read(file: string): string | undefined {
    if (this.#cache.has(file)) return this.#cache.get(file);
    const text = this.#decode(file);
    this.#cache.set(file, text);
    return text;
  }

  #decode(file: string): string | undefined {
    let bytes: Buffer;
    try {
      bytes = this.readBytes(file);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === "EISDIR" ? "is a folder, not a file" : "cannot be read";
      this.diagnostics.add("file-unreadable", { file, line: 1, column: 1 }, `The file ${reason}.`);
      return undefined;
    }
    if (bytes.length > maxFileBytes) {
      const mb = (bytes.length / 1024 / 1024).toFixed(1);
      this.diagnostics.add(
        "file-too-large",
        { file, line: 1, column: 1 },
        `The file is ${mb} MB; content files may be at most 1 MB.`,
      );
      return undefined;
    }
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      this.diagnostics.add("file-encoding", { file, line: 1, column: 1 }, "The file is saved as UTF-16; toms reads UTF-8 only.");
      return undefined;
    }
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start));
    } catch {
      const bad = firstInvalidUtf8(bytes, start);
      const before = new TextDecoder("utf-8").decode(bytes.subarray(start, bad));
      const lines = before.split("\n");
      const line = lines.length;
      const column = (lines[line - 1] ?? "").length + 1;
      const hex = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, "0");
      this.diagnostics.add(
        "file-encoding",
        { file, line, column },
        `The file is not valid UTF-8 (byte 0x${hex} here); save it as UTF-8.`,
      );
      return undefined;
    }
  }

  /** Path relative to the content folder, with forward slashes. */
  relative(file: string): string {
    return path.relative(this.root, file).split(path.sep).join("/");
  }
}

// Returns the offset of the first byte that does not start or continue a valid UTF-8 sequence.
function firstInvalidUtf8(bytes: Buffer, start: number): number {
  let low = start;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    try {
      // Streaming mode tolerates a sequence cut at the end, so only a truly invalid byte throws.
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}
