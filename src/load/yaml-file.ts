import { LineCounter, parseDocument, visit, type Document, type YAMLError } from "yaml";
import type { Diagnostics, Place } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import { explainYamlError, type SyntaxProblem } from "./yaml-messages.js";
import { yamlDepthProblem, yamlShapeProblems } from "./yaml-shape.js";

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
  const deep = yamlDepthProblem(text);
  if (deep) {
    const pos = positionIn(text, deep.offset);
    diagnostics.add(deep.said, { file: path, line: pos.line, column: pos.column });
    return undefined;
  }
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, strict: true, logLevel: "error" });
  } catch (error) {
    // The parser recurses per nesting level; thousands of levels overflow the stack.
    diagnostics.add(error instanceof RangeError ? say["yaml-syntax"].tooDeep() : say["yaml-syntax"].notYaml(), { file: path, line: 1, column: 1 });
    return undefined;
  }
  const place = (offset: number): Place => {
    const pos = lines.linePos(offset);
    return { file: path, line: pos.line, column: pos.col };
  };
  const problems = [...doc.errors, ...doc.warnings].sort((a, b) => a.pos[0] - b.pos[0]);
  // After the first syntax error the parser guesses at the structure, and its further complaints are
  // mostly echoes of the first: report that one. (Repeated fields are found below, on a clean parse.)
  const first = problems[0];
  if (first) {
    const { offset, said } = explain(first, text, doc);
    diagnostics.add(said, place(offset));
  }
  if (problems.length > 0) return { path, text, doc, lines, value: undefined };
  const shape = yamlShapeProblems(doc, text);
  for (const problem of shape) diagnostics.add(problem.said, place(problem.offset));
  if (shape.length > 0) return { path, text, doc, lines, value: undefined };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount });
  } catch (error) {
    // Only aliases (ReferenceError: too many, or naming no anchor) or nesting deeper than the stack (RangeError) get here.
    const message = error instanceof Error ? error.message : "";
    const unresolved = /^Unresolved alias.*: (.*)$/.exec(message)?.[1];
    if (unresolved !== undefined) {
      diagnostics.add(say["yaml-syntax"].unresolvedAlias({ name: unresolved }), place(firstAlias(doc, unresolved)));
    } else if (error instanceof ReferenceError) {
      diagnostics.add(say["yaml-alias"].expandsTooFar(), place(firstAlias(doc)));
    } else {
      diagnostics.add(say["yaml-syntax"].tooDeep(), place(0));
    }
    return { path, text, doc, lines, value: undefined };
  }
  return { path, text, doc, lines, value };
}

// The offset of the first alias (with that name, if given).
function firstAlias(doc: Document.Parsed, name?: string): number {
  let offset = 0;
  try {
    visit(doc, {
      Alias(_, node) {
        if (name !== undefined && node.source !== name) return undefined;
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
  } catch {
    // Too deep to walk: the file start will do.
  }
  return offset;
}

// Explaining walks the syntax tree, which a deeply nested file may not allow.
function explain(error: YAMLError, text: string, doc: Document.Parsed): SyntaxProblem {
  try {
    return explainYamlError(error, text, doc);
  } catch {
    return { offset: error.pos[0], said: say["yaml-syntax"].tooDeep() };
  }
}

// Line and column (from 1) of an offset, for problems found before the parser's line counter exists.
function positionIn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}
