// A PNG logo, read far enough to know it is one: the signature, the header chunk with the image's size, every chunk
// whole with its checksum, and the end chunk last. The pixels are the browser's to decode; the size limit bounds that.

/** What a PNG file says of itself, or why it is not one. */
export type PngInfo = { ok: true; width: number; height: number } | { ok: false; problem: PngProblem };

/** Why bytes are not a usable PNG. */
export type PngProblem = { kind: "not-png"; actually?: string } | { kind: "damaged" };

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// Bit depths each colour type allows (PNG specification, 11.2.2).
const depths: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** Reads the size of a PNG and checks its structure. */
export function readPng(bytes: Buffer): PngInfo {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(signature)) {
    const actually = sniff(bytes);
    return { ok: false, problem: { kind: "not-png", ...(actually && { actually }) } };
  }
  let at = 8;
  let size: { width: number; height: number } | undefined;
  let ended = false;
  while (at < bytes.length) {
    if (ended || at + 12 > bytes.length) return damaged();
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString("latin1", at + 4, at + 8);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length || !/^[A-Za-z]{4}$/.test(type)) return damaged();
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length)) return damaged();
    if (at === 8) {
      // The header comes first: width, height, bit depth, colour type, compression, filter, interlace.
      if (type !== "IHDR" || length !== 13) return damaged();
      const [width, height] = [bytes.readUInt32BE(at + 8), bytes.readUInt32BE(at + 12)];
      const [depth, colour, compression, filter, interlace] = [...bytes.subarray(at + 16, at + 21)] as number[];
      if (width === 0 || height === 0 || !depths[colour!]?.includes(depth!) || compression !== 0 || filter !== 0 || interlace! > 1) return damaged();
      size = { width, height };
    }
    if (type === "IEND") ended = true;
    at = end;
  }
  return size && ended ? { ok: true, ...size } : damaged();
}

function damaged(): PngInfo {
  return { ok: false, problem: { kind: "damaged" } };
}

// What a file is when it is not a PNG, from its first bytes: the formats a logo is most often saved in instead.
function sniff(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "JPEG";
  const start = bytes.toString("latin1", 0, 12);
  if (start.startsWith("GIF8")) return "GIF";
  if (start.startsWith("RIFF") && start.slice(8) === "WEBP") return "WebP";
  if (start.startsWith("%PDF")) return "PDF";
  if (/^\s*(<\?xml|<svg|<!--)/.test(bytes.toString("utf8", 0, 64))) return "SVG";
  return undefined;
}

let table: Uint32Array | undefined;

/** CRC-32 as PNG chunks carry it (ISO 3309). */
export function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
