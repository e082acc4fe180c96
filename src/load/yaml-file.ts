import { LineCounter, parseDocument, visit, type Document, type YAMLError } from "yaml";
import type { Diagnostics, Place } from "../diagnostics/diagnostic.js";

/** A parsed YAML content file: its text, syntax tree with source ranges, and plain value. */
export interface YamlFile {
  /** Absolute path. */
  path: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The plain JavaScript value, or undefined when the file could not be parsed. */
  value: unknown;
}

// Aliases may be expanded at most this many times: an annex needs none, an alias bomb needs millions.
const maxAliasCount = 100;

/** Parses YAML text, reporting every syntax problem at its position; never throws for bad input. */
export function parseYamlFile(path: string, text: string, diagnostics: Diagnostics): YamlFile | undefined {
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (error) {
    // The parser recurses per nesting level; thousands of levels overflow the stack.
    const message = error instanceof RangeError ? "The YAML is nested too deeply to be read." : "The file cannot be read as YAML.";
    diagnostics.add("yaml-syntax", { file: path, line: 1, column: 1 }, message);
    return undefined;
  }
  const place = (offset: number): Place => {
    const pos = lines.linePos(offset);
    return { file: path, line: pos.line, column: pos.col };
  };
  for (const error of [...doc.errors, ...doc.warnings]) {
    const rule = error.code === "DUPLICATE_KEY" ? "yaml-duplicate-key" : "yaml-syntax";
    diagnostics.add(rule, place(error.pos[0]), explain(error), "error");
  }
  if (doc.errors.length > 0 || doc.warnings.length > 0) return { path, text, doc, lines, value: undefined };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount });
  } catch (error) {
    if (error instanceof ReferenceError || error instanceof RangeError) {
      let offset = 0;
      visit(doc, {
        Alias(_, node) {
          offset = node.range?.[0] ?? 0;
          return visit.BREAK;
        },
      });
      diagnostics.add(
        "yaml-alias",
        place(offset),
        "The YAML aliases (*name) here expand to too much data; write the values out instead.",
      );
      return { path, text, doc, lines, value: undefined };
    }
    throw error;
  }
  return { path, text, doc, lines, value };
}

// The yaml package's messages are written for programmers; these say what to do.
function explain(error: YAMLError): string {
  const first = error.message.split("\n")[0] ?? error.message;
  switch (error.code) {
    case "DUPLICATE_KEY":
      return "This field appears twice in the same place; each field may be given only once.";
    case "TAB_AS_INDENT":
      return "Tabs are not allowed for indentation in YAML; indent with spaces.";
    case "BAD_INDENT":
      return "The indentation here does not match the lines around it.";
    case "MISSING_CHAR":
      return `Something is missing here: ${lowerFirst(first)}`;
    case "BAD_DQ_ESCAPE":
      return "Invalid escape sequence with a backslash inside double quotes.";
    case "MULTIPLE_DOCS":
      return "The file holds more than one YAML document (a line with ---); keep one per file.";
    case "TAG_RESOLVE_FAILED":
      return "Unknown YAML tag (!…); toms content uses plain values only.";
    case "MULTILINE_IMPLICIT_KEY":
      return "A field name must be on one line, followed by a colon; perhaps a quote is not closed or a colon is missing.";
    default:
      return `Invalid YAML: ${lowerFirst(first)}`;
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
