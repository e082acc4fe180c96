import { isScalar, Scalar } from "yaml";
import type { Place } from "../diagnostics/diagnostic.js";
import type { YamlFile } from "./yaml-file.js";
import type { Prose } from "../model.js";
import { nodeAt, placeOfOffset } from "./yaml-path.js";
import { sourceOffsets } from "./scalar-offsets.js";

/** The Markdown of a YAML string value, remembering where it sits so Markdown problems point into the YAML file. */
export function yamlProse(file: YamlFile, pointer: readonly (string | number)[]): Prose | undefined {
  const { node } = nodeAt(file, pointer);
  if (!isScalar(node) || typeof node.value !== "string") return undefined;
  const start = node.range?.[0] ?? 0;
  const place = placeOfOffset(file, start);
  let prose: Prose;
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
    // Content starts on the line after the `|` header, indented like its first content line.
    const after = file.text.indexOf("\n", start);
    const indent = /^( *)\S/m.exec(file.text.slice(after + 1))?.[1]?.length ?? 0;
    prose = { markdown: node.value, file: file.path, line: place.line + 1, column: indent + 1, indent, yaml: { file, node } };
  } else {
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
    prose = { markdown: node.value, file: file.path, line: place.line, column: place.column + (quoted ? 1 : 0), indent: 0, yaml: { file, node } };
  }
  return prose;
}

/** The Markdown of a prose file. */
export function fileProse(file: string, text: string): Prose {
  return { markdown: text, file, line: 1, column: 1, indent: 0 };
}

/** Maps a position inside a piece of Markdown (1-based line and column, and the offset when known) to the place in its file. */
export function placeInProse(prose: Prose, line: number, column: number, offset?: number): Place {
  const origin = prose.yaml;
  if (origin && offset !== undefined) {
    // Built on first use: most texts never need a position.
    origin.offsets ??= sourceOffsets(origin.file.text, origin.node);
    const at = origin.offsets[Math.min(offset, origin.offsets.length - 1)];
    if (at !== undefined) return placeOfOffset(origin.file, at);
  }
  if (line === 1) return { file: prose.file, line: prose.line, column: prose.column + column - 1 };
  return { file: prose.file, line: prose.line + line - 1, column: prose.indent + column };
}
