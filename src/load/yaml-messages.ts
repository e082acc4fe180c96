import { isCollection, isScalar, Scalar, visit, type Document, type YAMLError } from "yaml";
import { say, type Said } from "../diagnostics/say.js";

/** A YAML syntax problem as toms reports it: where (character offset) and what to do, in plain words. */
export interface SyntaxProblem {
  offset: number;
  said: Said;
}

// The yaml package's messages are written for programmers ("Nested mappings are not allowed in compact
// mappings"); these say what the author wrote wrong and how to fix it, and point where the fix goes.
/** Explains one YAML parse error of `text` for an author. */
export function explainYamlError(error: YAMLError, text: string, doc: Document.Parsed): SyntaxProblem {
  const offset = error.pos[0];
  const first = error.message.split("\n")[0] ?? error.message;
  const at = (said: Said, where = offset): SyntaxProblem => ({ offset: where, said });
  const yaml = say["yaml-syntax"];
  switch (error.code) {
    case "DUPLICATE_KEY":
      return at(say["yaml-duplicate-key"].twice({ field: scalarAt(doc, offset) }));
    case "TAB_AS_INDENT":
      return at(yaml.tabIndent());
    case "BAD_INDENT":
      if (/end with a \]/.test(first)) return at(yaml.unclosedList(), openingOf(doc, offset, "flow", text));
      if (/end with a \}/.test(first)) return at(yaml.unclosedFields(), openingOf(doc, offset, "flow", text));
      if (/sequence items/.test(first)) return at(yaml.listNotAligned(), firstNonSpace(text, offset));
      return at(yaml.indentDiffers(), firstNonSpace(text, offset));
    case "BLOCK_AS_IMPLICIT_KEY": {
      const rest = text.slice(offset, lineEnd(text, offset));
      if (/:(\s|$)/.test(rest)) return at(yaml.colonInValue());
      const next = nextLine(text, offset);
      return at(yaml.indentedTooFar(), next === undefined ? offset : firstNonSpace(text, next));
    }
    case "MULTILINE_IMPLICIT_KEY":
      return at(yaml.notAField());
    case "MISSING_CHAR":
      if (/closing "quote/.test(first)) return at(yaml.unclosedQuote({ quote: '"' }), openingOf(doc, offset, "quote", text));
      if (/closing 'quote/.test(first)) return at(yaml.unclosedQuote({ quote: "'" }), openingOf(doc, offset, "quote", text));
      if (/followed by map values/.test(first)) return at(yaml.missingColon());
      if (/Comments must be separated/.test(first)) return at(yaml.commentNeedsSpace());
      if (/Missing , /.test(first)) return at(yaml.missingComma());
      if (/Missing space after :/.test(first)) return at(yaml.missingSpaceAfterColon());
      if (/Tags and anchors must be separated/.test(first)) return at(yaml.tagNeedsSpace());
      return at(yaml.somethingMissing());
    case "BAD_DQ_ESCAPE":
      return at(yaml.badEscape({ escape: /sequence (\\.?)/.exec(first)?.[1] ?? "\\" }));
    case "BAD_SCALAR_START":
      return at(yaml.badStart({ char: first.trim().slice(-1) }));
    case "MULTIPLE_DOCS":
      return at(yaml.multipleDocuments());
    case "TAG_RESOLVE_FAILED":
    case "BAD_COLLECTION_TYPE": {
      const tag = (/tag: (\S+)/.exec(first)?.[1] ?? /^(tag:\S+)/.exec(first)?.[1])?.replace(/^tag:yaml\.org,2002:/, "!!");
      return at(yaml.tag({ tag }));
    }
    case "RESOURCE_EXHAUSTION":
      return at(yaml.tooDeep());
    case "KEY_OVER_1024_CHARS":
      return at(yaml.keyTooLong());
    case "UNEXPECTED_TOKEN":
      if (/Block scalar header/.test(first)) return at(yaml.afterBlockHeader());
      return at(yaml.structureBreaks());
    default:
      return at(yaml.unreadableHere());
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
