import { isCollection, isScalar, Scalar, visit, type Document, type YAMLError } from "yaml";

/** A YAML syntax problem as toms reports it: where (character offset) and what to do, in plain words. */
export interface SyntaxProblem {
  offset: number;
  message: string;
}

// The yaml package's messages are written for programmers ("Nested mappings are not allowed in compact
// mappings"); these say what the author wrote wrong and how to fix it, and point where the fix goes.
/** Explains one YAML parse error of `text` for an author. */
export function explainYamlError(error: YAMLError, text: string, doc: Document.Parsed): SyntaxProblem {
  const offset = error.pos[0];
  const first = error.message.split("\n")[0] ?? error.message;
  const at = (message: string, where = offset): SyntaxProblem => ({ offset: where, message });
  switch (error.code) {
    case "DUPLICATE_KEY": {
      const key = scalarAt(doc, offset);
      const name = key === undefined ? "This field" : `The field "${key}"`;
      return at(`${name} appears twice in the same place; each field may be given only once.`);
    }
    case "TAB_AS_INDENT":
      return at("Tabs are not allowed for indentation in YAML; indent with spaces.");
    case "BAD_INDENT":
      if (/end with a \]/.test(first))
        return at("This list in square brackets [ … ] is not closed; add a ] after its last entry.", openingOf(doc, offset, "flow", text));
      if (/end with a \}/.test(first))
        return at("This group of fields in curly braces { … } is not closed; add a } after its last field.", openingOf(doc, offset, "flow", text));
      if (/sequence items/.test(first))
        return at("The list entries (lines starting with -) here do not start in the same column as those above; line them up.", firstNonSpace(text, offset));
      return at(
        "This line is indented differently from the lines around it; fields of the same entry must start in the same column (indent with spaces).",
        firstNonSpace(text, offset),
      );
    case "BLOCK_AS_IMPLICIT_KEY": {
      const rest = text.slice(offset, lineEnd(text, offset));
      if (/:(\s|$)/.test(rest))
        return at('This value contains ": " (a colon and a space), which YAML reads as the start of another field; put the whole value in double quotes.');
      const next = nextLine(text, offset);
      return at(
        "This line is indented further than the field above it; fields of the same entry must start in the same column.",
        next === undefined ? offset : firstNonSpace(text, next),
      );
    }
    case "MULTILINE_IMPLICIT_KEY":
      return at("This line is not a field: a colon is missing after the field name (write name: value), or a quotation mark above is not closed.");
    case "MISSING_CHAR":
      if (/closing "quote/.test(first))
        return at('This quotation mark (") is never closed; add a closing " at the end of the value.', openingOf(doc, offset, "quote", text));
      if (/closing 'quote/.test(first))
        return at("This quotation mark (') is never closed; add a closing ' at the end of the value.", openingOf(doc, offset, "quote", text));
      if (/followed by map values/.test(first)) return at("A colon is missing after this field name; write name: value.");
      if (/Comments must be separated/.test(first))
        return at("A # starts a comment only after a space; add a space before the #, or put the whole value in quotes.");
      if (/Missing , /.test(first)) return at("A comma is missing between two entries in [ … ] or { … }.");
      if (/Missing space after :/.test(first)) return at("Add a space after the colon.");
      if (/Tags and anchors must be separated/.test(first)) return at("Put a space after a YAML tag (!…) or anchor (&…), or put the whole value in quotes.");
      return at("Something is missing in the YAML here; check the quotation marks, brackets, colons and commas.");
    case "BAD_DQ_ESCAPE": {
      const escape = /sequence (\\.?)/.exec(first)?.[1] ?? "\\";
      return at(`Inside double quotes a backslash starts a special character, and "${escape}" is not one; write \\\\ for a backslash, or use single quotes.`);
    }
    case "BAD_SCALAR_START": {
      const char = first.trim().slice(-1);
      return at(`In YAML a value cannot start with "${char}"; put the whole value in quotes.`);
    }
    case "MULTIPLE_DOCS":
      return at("The file holds more than one YAML document (a line with ---); keep one per file.");
    case "TAG_RESOLVE_FAILED":
    case "BAD_COLLECTION_TYPE": {
      const tag = (/tag: (\S+)/.exec(first)?.[1] ?? /^(tag:\S+)/.exec(first)?.[1])?.replace(/^tag:yaml\.org,2002:/, "!!");
      return at(`${tag ? `"${tag}" is a YAML tag, which` : "YAML tags (!…)"} toms does not support; write plain values.`);
    }
    case "RESOURCE_EXHAUSTION":
      return at("The YAML is nested too deeply to be read.");
    case "KEY_OVER_1024_CHARS":
      return at("A field name may be at most 1024 characters long; perhaps a colon or quotation mark is misplaced.");
    case "UNEXPECTED_TOKEN":
      if (/Block scalar header/.test(first)) return at("After | or > nothing may follow on the same line; start the text on the next line.");
      return at("The YAML structure breaks here; check the indentation, and that each line is a field (name: value) or a list entry (- value).");
    default:
      return at("The YAML cannot be read here; check the indentation, quotation marks, brackets and colons.");
  }
}

// The key or scalar that starts exactly at an offset (the name of a duplicate field).
function scalarAt(doc: Document.Parsed, offset: number): string | undefined {
  let found: string | undefined;
  visit(doc, {
    Scalar(_, node) {
      if (node.range?.[0] === offset) {
        found = String(node.value);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

// Where the unclosed quote or bracket that an error at `offset` complains about was opened: the
// innermost quoted scalar or flow collection that runs up to the error.
function openingOf(doc: Document.Parsed, offset: number, kind: "quote" | "flow", text: string): number {
  let best: number | undefined;
  visit(doc, (_, node) => {
    const range = (node as { range?: [number, number, number] }).range;
    if (!range || range[0] >= offset || range[2] < offset) return;
    const quoted = isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE);
    const flow = isCollection(node) && node.flow === true;
    if ((kind === "quote" ? quoted : flow) && (best === undefined || range[0] > best)) best = range[0];
  });
  if (best !== undefined) return best;
  // Not in the tree (the parser gave up): the last opening character before the error.
  const found =
    kind === "quote"
      ? Math.max(text.lastIndexOf('"', offset - 1), text.lastIndexOf("'", offset - 1))
      : Math.max(text.lastIndexOf("[", offset - 1), text.lastIndexOf("{", offset - 1));
  return found === -1 ? offset : found;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf("\n", offset);
  return end === -1 ? text.length : end;
}

function nextLine(text: string, offset: number): number | undefined {
  let at = lineEnd(text, offset) + 1;
  while (at < text.length) {
    const end = lineEnd(text, at);
    if (text.slice(at, end).trim() !== "") return at;
    at = end + 1;
  }
  return undefined;
}

// Moves an offset in a line's indentation to the line's first visible character.
function firstNonSpace(text: string, offset: number): number {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  if (text.slice(start, offset).trim() !== "") return offset;
  let at = offset;
  while (at < text.length && (text[at] === " " || text[at] === "\t")) at++;
  return at < text.length && text[at] !== "\n" && text[at] !== "\r" ? at : offset;
}
