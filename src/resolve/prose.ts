import { isScalar, Scalar } from "yaml";
import type { Place } from "../diagnostics/diagnostic.js";
import type { YamlFile } from "../load/yaml-file.js";
import type { Prose } from "../model.js";
import { nodeAt, placeOfOffset } from "../validate/yaml-path.js";

/** The Markdown of a YAML string value, remembering where it sits so Markdown problems point into the YAML file. */
export function yamlProse(file: YamlFile, pointer: readonly (string | number)[]): Prose | undefined {
  const { node } = nodeAt(file, pointer);
  if (!isScalar(node) || typeof node.value !== "string") return undefined;
  const start = node.range?.[0] ?? 0;
  const place = placeOfOffset(file, start);
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
    // Content starts on the line after the `|` header, indented like its first content line.
    const after = file.text.indexOf("\n", start);
    const indent = /^( *)\S/m.exec(file.text.slice(after + 1))?.[1]?.length ?? 0;
    return { markdown: node.value, file: file.path, line: place.line + 1, column: indent + 1, indent };
  }
  // Plain and quoted scalars: the first line is exact, folded further lines are approximate.
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  return { markdown: node.value, file: file.path, line: place.line, column: place.column + (quoted ? 1 : 0), indent: 0 };
}

/** The Markdown of a prose file. */
export function fileProse(file: string, text: string): Prose {
  return { markdown: text, file, line: 1, column: 1, indent: 0 };
}

/** Maps a 1-based line/column inside a piece of Markdown to the place in its file. */
export function placeInProse(prose: Prose, line: number, column: number): Place {
  if (line === 1) return { file: prose.file, line: prose.line, column: prose.column + column - 1 };
  return { file: prose.file, line: prose.line + line - 1, column: prose.indent + column };
}

/** The place where a piece of Markdown starts. */
export function proseStart(prose: Prose): Place {
  return { file: prose.file, line: prose.line, column: prose.column };
}
