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
  const double = node.type === Scalar.QUOTE_DOUBLE;
  const single = node.type === Scalar.QUOTE_SINGLE;
  let at = contentStart(text, node, start);
  const offsets: number[] = [];
  const white = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";
  const map = (units: number, to: number) => {
    for (let u = 0; u < units; u++) offsets.push(Math.min(to + u, end));
  };
  for (const char of value) {
    const units = char.length;
    if (white(char)) {
      // Part of a run of spaces and line breaks (folding turns a line break into a space), or an escape.
      if (double && text[at] === "\\" && !isLineEscape(text, at)) {
        map(units, at);
        at += escapeLength(text, at);
      } else {
        map(units, at);
        if (white(text[at])) at++;
      }
      continue;
    }
    // The rest of a white run (indentation, a folded line break) and escaped line breaks are dropped.
    for (;;) {
      while (at < end && white(text[at])) at++;
      if (!(double && isLineEscape(text, at))) break;
      at += text[at + 1] === "\r" && text[at + 2] === "\n" ? 3 : 2;
    }
    if (double && text[at] === "\\") {
      map(units, at);
      at += escapeLength(text, at);
    } else if (single && char === "'" && text.startsWith("''", at)) {
      map(units, at);
      at += 2;
    } else {
      // A character YAML did not copy from here (rare): find it a little further on, else keep the place.
      const found = text.startsWith(char, at) ? at : text.indexOf(char, at);
      if (found !== -1 && found - at <= 16) at = found;
      map(units, at);
      if (text.startsWith(char, at)) at += units;
    }
  }
  offsets.push(Math.min(at, end));
  return offsets;
}

// A backslash at the end of a line inside double quotes joins the lines without a space.
function isLineEscape(text: string, at: number): boolean {
  return text[at] === "\\" && (text[at + 1] === "\n" || text[at + 1] === "\r");
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
