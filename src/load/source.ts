import fs from "node:fs";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { say, type Said } from "../diagnostics/say.js";
import { relativePosix } from "../util/paths.js";

/**
 * Largest content file toms reads (256 KiB): an annex's files are a few kilobytes; bigger is a mistake
 * or an attack, and the YAML parser needs up to 4 s per MB of some shapes (a long list in [ ]).
 */
export const maxFileBytes = 256 * 1024;

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

  /** Every file read so far (whether it could be used or not). */
  readFiles(): string[] {
    return [...this.#cache.keys()];
  }

  #decode(file: string): string | undefined {
    let bytes: Buffer;
    try {
      bytes = this.readBytes(file);
    } catch (error) {
      const unreadable = say["file-unreadable"];
      const reasons: Record<string, () => Said<"file-unreadable">> = {
        EISDIR: unreadable.folder,
        ENOTREG: unreadable.notOrdinary,
        ELOOP: unreadable.linkLoop,
        ENOENT: unreadable.gone,
        EACCES: unreadable.denied,
      };
      this.diagnostics.add((reasons[(error as NodeJS.ErrnoException).code ?? ""] ?? unreadable.unreadable)(), { file, line: 1, column: 1 });
      return undefined;
    }
    if (bytes.length > maxFileBytes) {
      this.diagnostics.add(say["file-too-large"].tooLarge({ limitKb: maxFileBytes / 1024 }), { file, line: 1, column: 1 });
      return undefined;
    }
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      this.diagnostics.add(say["file-encoding"].utf16(), { file, line: 1, column: 1 });
      return undefined;
    }
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    // Valid UTF-8 may hold NUL bytes, which no text file has: UTF-16 saved without a byte-order mark (every
    // other byte of Latin text is NUL) or a binary file. Either way the text would come out as "D�a�t�e�n".
    const nul = bytes.indexOf(0, start);
    if (nul !== -1) {
      const utf16 = looksLikeUtf16(bytes.subarray(start));
      // Lines as an editor counts them: a lone CR ends one too (as for the lone-CR error below).
      const lines = bytes
        .subarray(start, nul)
        .toString("utf8")
        .split(/\r\n|\r|\n/);
      const place = utf16 ? { file, line: 1, column: 1 } : { file, line: lines.length, column: (lines[lines.length - 1] ?? "").length + 1 };
      this.diagnostics.add(utf16 ? say["file-encoding"].utf16WithoutMark() : say["file-encoding"].nulBytes(), place);
      return undefined;
    }
    try {
      // A lone CR ends a line for YAML, Markdown and editors, but not for the YAML line counter: make it
      // an LF (same length, so every offset stays) and positions agree with what an editor shows.
      const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start));
      const lone = text.search(/\r(?!\n)/);
      if (lone !== -1) {
        // An error, but the file is still read (as an editor would), so its other problems are found in the same run.
        const before = text.slice(0, lone).split(/\r\n|\r|\n/);
        this.diagnostics.add(say["file-encoding"].loneCarriageReturn(), { file, line: before.length, column: (before[before.length - 1] ?? "").length + 1 });
      }
      return text.replace(/\r(?!\n)/g, "\n");
    } catch {
      const bad = firstInvalidUtf8(bytes, start);
      const before = new TextDecoder("utf-8").decode(bytes.subarray(start, bad));
      const lines = before.split(/\r\n|\r|\n/);
      const line = lines.length;
      const column = (lines[line - 1] ?? "").length + 1;
      const byte = bytes[bad] ?? 0;
      // A lone byte ≥ 0x80 is usually a letter saved in Windows-1252 (Excel, old editors): name it.
      const legacy = new TextDecoder("windows-1252").decode(bytes.subarray(bad, bad + 1));
      const plainAfter = (bytes[bad + 1] ?? 0x80) < 0x80;
      const guess = plainAfter && /\p{L}/u.test(legacy) ? legacy : undefined;
      this.diagnostics.add(say["file-encoding"].invalidByte({ byte, legacy: guess }), { file, line, column });
      return undefined;
    }
  }

  /** Path relative to the content folder, with forward slashes. */
  relative(file: string): string {
    return relativePosix(this.root, file);
  }
}

// UTF-16 text of Latin letters has NUL in every other byte: at even offsets (big-endian) or odd ones (little-endian).
function looksLikeUtf16(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 === 0 ? even++ : odd++;
  const half = sample.length / 2;
  return Math.max(even, odd) >= half * 0.4 && Math.min(even, odd) <= half * 0.05;
}

// The offset of the first byte that does not begin a complete, valid UTF-8 sequence (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF).
function firstInvalidUtf8(bytes: Buffer, start: number): number {
  let at = start;
  while (at < bytes.length) {
    const lead = bytes[at] as number;
    const [length, low, high] =
      lead < 0x80
        ? [1, 0, 0]
        : lead >= 0xc2 && lead <= 0xdf
          ? [2, 0x80, 0xbf]
          : lead === 0xe0
            ? [3, 0xa0, 0xbf]
            : lead === 0xed
              ? [3, 0x80, 0x9f]
              : lead >= 0xe1 && lead <= 0xef
                ? [3, 0x80, 0xbf]
                : lead === 0xf0
                  ? [4, 0x90, 0xbf]
                  : lead >= 0xf1 && lead <= 0xf3
                    ? [4, 0x80, 0xbf]
                    : lead === 0xf4
                      ? [4, 0x80, 0x8f]
                      : [0, 0, 0];
    if (length === 0 || at + length > bytes.length) return at;
    for (let i = 1; i < length; i++) {
      const next = bytes[at + i] as number;
      if (i === 1 ? next < low || next > high : next < 0x80 || next > 0xbf) return at;
    }
    at += length;
  }
  return at;
}
