/** A fenced code block that no backtick run of its text can close. */
export function codeBlock(text: string, lang = ""): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}\n${text.replace(/\n$/, "")}\n${fence}`;
}

/** Text for a Markdown table cell: pipes escaped, lines joined. */
export function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n+/g, " ");
}

/** The note at the top of a generated page: where it comes from and how to regenerate it. */
export function generatedNote(source: string): string {
  return `<!-- Generated from ${source} by \`npm run docs\`; do not edit by hand. test/docs.test.ts fails when it is out of date. -->`;
}
