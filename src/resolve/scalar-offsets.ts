import { Scalar } from "yaml";

/**
 * For each character of a YAML string scalar's value (and one past its end), the offset in the file
 * text where it was written. YAML turns line breaks into spaces (folding), drops indentation, and
 * resolves quotes and escapes; walking value and source side by side undoes that: a value character
 * matches the next source character equal to it, skipping only what YAML drops (white space, line
 * breaks, a doubled quote's first half, an escape's backslash sequence).
 */
export function sourceOffsets(text: string, node: Scalar): number[] {
  const value = String(node.value);
  const [start, end] = node.range ?? [0, text.length];
  let at = contentStart(text, node, start);
  const offsets: number[] = [];
  const white = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";
  for (const char of value) {
    const units = char.length;
    if (node.type === Scalar.QUOTE_DOUBLE && text[at] === "\\") {
      // Skip escaped line breaks (a backslash at a line end continues the line), then map the escape.
      while (text[at] === "\\" && (text[at + 1] === "\n" || text[at + 1] === "\r")) {
        at += text[at + 1] === "\r" && text[at + 2] === "\n" ? 3 : 2;
        while (at < end && (text[at] === " " || text[at] === "\t")) at++;
      }
      if (text[at] === "\\") {
        for (let u = 0; u < units; u++) offsets.push(at);
        at += escapeLength(text, at);
        continue;
      }
    }
    if (node.type === Scalar.QUOTE_SINGLE && char === "'" && text[at] === "'" && text[at + 1] === "'") {
      offsets.push(at);
      at += 2;
      continue;
    }
    if (!white(char)) while (at < end && white(text[at]) && text[at] !== char) at++;
    for (let u = 0; u < units; u++) offsets.push(Math.min(at + u, end));
    // A character that is not in the source (rare: YAML made it) keeps the position of the next one.
    if (text.startsWith(char, at) || (white(char) && white(text[at]))) at += units;
  }
  offsets.push(Math.min(at, end));
  return offsets;
}

// Where a scalar's first value character can be: after the opening quote, or on the line after a
// block scalar's | or > header.
function contentStart(text: string, node: Scalar, start: number): number {
  if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) return start + 1;
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
    const lineEnd = text.indexOf("\n", start);
    return lineEnd === -1 ? text.length : lineEnd + 1;
  }
  return start;
}

function escapeLength(text: string, at: number): number {
  switch (text[at + 1]) {
    case "x":
      return 4;
    case "u":
      return 6;
    case "U":
      return 10;
    default:
      return 2;
  }
}
