import { isHidden } from "./characters.js";

/**
 * Text from content or file names made safe to print: every control, bidirectional or invisible character (see
 * util/characters) is shown as its code point, \u{202E}, so content can neither recolour or move a terminal's
 * cursor (ESC sequences) nor reorder what a reader of the output sees.
 */
export function printable(text: string): string {
  let out = "";
  for (const char of text)
    out += isHidden(char) || char === "\t" || char === "\n" || char === "\r" ? `\\u{${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}}` : char;
  return out;
}

/** JSON text with every hidden character escaped as \uXXXX: the same value, nothing a terminal would act on. */
export function printableJson(json: string): string {
  let out = "";
  for (const char of json) {
    if (!isHidden(char) || char === "\n") {
      out += char;
      continue;
    }
    const code = char.codePointAt(0) ?? 0;
    const units = code > 0xffff ? [0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff)] : [code];
    out += units.map((u) => `\\u${u.toString(16).padStart(4, "0")}`).join("");
  }
  return out;
}
