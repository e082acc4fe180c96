// The writing systems whose letters look like Latin ones (а/a, ο/o, ԁ/d): a word or host name mixing them with Latin
// letters, or written only in them under a Latin top-level domain, reads as something it is not.
const scripts: [name: string, pattern: RegExp][] = [
  ["Latin", /\p{Script=Latin}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Armenian", /\p{Script=Armenian}/u],
  ["Cherokee", /\p{Script=Cherokee}/u],
];

const letter = /\p{L}/u;

/** The scripts (Latin, Cyrillic, Greek, Armenian, Cherokee; "other" for any other letter) of the letters of a text. */
export function scriptsOf(text: string): Set<string> {
  const found = new Set<string>();
  for (const char of text) {
    if (!letter.test(char)) continue;
    found.add(scripts.find(([, pattern]) => pattern.test(char))?.[0] ?? "other");
  }
  return found;
}

/** Whether a word mixes Latin letters with letters of a script that has Latin look-alikes. */
export function mixesLookAlikes(word: string): boolean {
  // Most words are plain ASCII: one script at most, nothing to look up.
  if (/^[\x00-\x7f]*$/.test(word)) return false;
  const found = scriptsOf(word);
  return found.has("Latin") && [...found].some((s) => s !== "Latin" && s !== "other");
}
