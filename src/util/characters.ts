/**
 * Characters a reader cannot see, or that change how the text around them is shown: control characters,
 * bidirectional controls (the "Trojan Source" attack: a reviewer reads one order, the annex shows another),
 * zero-width and other default-ignorable characters, line and paragraph separators, private-use, surrogate and
 * unassigned code points. Tab, line feed and carriage return are text; the soft hyphen (U+00AD) is a
 * hyphenation hint authors use on purpose.
 */
// Also U+FFFC (OBJECT REPLACEMENT CHARACTER: no glyph, the PDF shows nothing) and U+2800 (BRAILLE PATTERN BLANK: a
// letter that looks like a space, so a word can hide in plain sight).
const hidden = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Co}\p{Cs}\p{Cn}\uFFFC\u2800]/u;
const allowed = new Set(["\t", "\n", "\r", "\u00ad"]);

/** Whether a character (one code point) is invisible or a control in the sense above. */
export function isHidden(char: string): boolean {
  return !allowed.has(char) && hidden.test(char);
}

/** Every hidden character of a text with its offset (in UTF-16 units). */
export function hiddenCharacters(text: string): { index: number; char: string }[] {
  const found: { index: number; char: string }[] = [];
  // A quick test first: almost every text has none.
  if (!/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Co}\p{Cs}\p{Cn}\uFFFC\u2800]/u.test(text.replace(/[\t\n\r\u00ad]/g, ""))) return found;
  let index = 0;
  for (const char of text) {
    if (isHidden(char)) found.push({ index, char });
    index += char.length;
  }
  return found;
}

const bidi = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);
const names: Record<number, string> = {
  0x00: "NULL",
  0x1b: "ESCAPE",
  0x7f: "DELETE",
  0x061c: "ARABIC LETTER MARK",
  0x180e: "MONGOLIAN VOWEL SEPARATOR",
  0x200b: "ZERO WIDTH SPACE",
  0x200c: "ZERO WIDTH NON-JOINER",
  0x200d: "ZERO WIDTH JOINER",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x200f: "RIGHT-TO-LEFT MARK",
  0x2028: "LINE SEPARATOR",
  0x2029: "PARAGRAPH SEPARATOR",
  0x202a: "LEFT-TO-RIGHT EMBEDDING",
  0x202b: "RIGHT-TO-LEFT EMBEDDING",
  0x202c: "POP DIRECTIONAL FORMATTING",
  0x202d: "LEFT-TO-RIGHT OVERRIDE",
  0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x2060: "WORD JOINER",
  0x2066: "LEFT-TO-RIGHT ISOLATE",
  0x2067: "RIGHT-TO-LEFT ISOLATE",
  0x2068: "FIRST STRONG ISOLATE",
  0x2069: "POP DIRECTIONAL ISOLATE",
  0xfeff: "ZERO WIDTH NO-BREAK SPACE (byte-order mark)",
  0xfffc: "OBJECT REPLACEMENT CHARACTER",
  0xfffd: "REPLACEMENT CHARACTER (from a reference to no character)",
  0x2800: "BRAILLE PATTERN BLANK",
};

/** "U+202E RIGHT-TO-LEFT OVERRIDE": the code point of a character, with its name where toms knows it. */
export function codePointName(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = names[code];
  return name ? `${hex} ${name}` : hex;
}

/** Whether a character is a bidirectional control: it changes the order in which the text around it is shown. */
export function isBidiControl(char: string): boolean {
  return bidi.has(char.codePointAt(0) ?? 0);
}
