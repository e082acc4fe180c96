/** A PDF text string as UTF-16BE hex with byte order mark, so umlauts and dashes survive every reader. */
export function encodeText(value: string): string {
  const units: string[] = [];
  for (let i = 0; i < value.length; i++) units.push(value.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0"));
  return `<FEFF${units.join("")}>`;
}

/** A PDF string token as written by Skia (literal `(…)` or hex `<…>`, UTF-16BE when it starts with FEFF) as text. */
export function decodeText(token: string): string {
  let bytes: Buffer;
  if (token.startsWith("<")) {
    bytes = Buffer.from(token.slice(1, -1).replace(/\s+/g, ""), "hex");
  } else {
    const escapes: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" };
    const raw = token
      .slice(1, -1)
      .replace(/\\([0-7]{1,3}|[\s\S])/g, (_, e: string) => (/^[0-7]+$/.test(e) ? String.fromCharCode(parseInt(e, 8)) : (escapes[e] ?? e)));
    bytes = Buffer.from(raw, "latin1");
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString("utf16le");
  return bytes.toString("latin1");
}

/** Matches one PDF string token: a literal string (with escapes) or a hex string. */
export const stringToken = String.raw`(?:\((?:\\[\s\S]|[^\\()])*\)|<[0-9A-Fa-f\s]*>)`;
