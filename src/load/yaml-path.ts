import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair } from "yaml";
import type { Place } from "../diagnostics/diagnostic.js";
import type { YamlFile } from "./yaml-file.js";

/** The YAML node at a JSON pointer (as in ajv's instancePath), and the key/value pair that holds it. */
export interface Located {
  node: Node | undefined;
  pair: Pair | undefined;
}

/** Walks the YAML syntax tree along a JSON pointer ("/measures/3/locations/0"). */
export function nodeAt(file: YamlFile, pointer: string | readonly (string | number)[]): Located {
  const tokens = typeof pointer === "string" ? parsePointer(pointer) : pointer;
  // An alias (*name) stands for the value its anchor (&name) marks: follow it, at every step and at the end, so that
  // a text written once and repeated by an alias is read (and its problems placed) where it is written.
  const follow = (n: Node | null | undefined): Node | null | undefined => (isAlias(n) ? (n.resolve(file.doc) as Node | undefined) : n);
  let node = follow(file.doc.contents as Node | null | undefined);
  let pair: Pair | undefined;
  for (const token of tokens) {
    if (isMap(node)) {
      const found = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(token));
      if (!found) return { node: undefined, pair: undefined };
      pair = found as Pair;
      node = follow(found.value as Node | null);
    } else if (isSeq(node)) {
      const item = node.items[Number(token)];
      pair = undefined;
      node = follow(item as Node | undefined);
    } else {
      return { node: undefined, pair: undefined };
    }
  }
  return { node: node ?? undefined, pair };
}

/** The place of the value at a pointer; its key when the value is empty; the file start as a last resort. */
export function placeAt(file: YamlFile, pointer: string | readonly (string | number)[], which: "value" | "key" = "value"): Place {
  const { node, pair } = nodeAt(file, pointer);
  const key = pair && isPair(pair) ? (pair.key as Node | null) : undefined;
  let range: readonly number[] | undefined;
  if (which === "key" && key?.range) range = key.range;
  else if (node?.range && !(isScalar(node) && node.value === null && key?.range)) range = node.range;
  else if (key?.range) range = key.range;
  if (!range) return placeOfOffset(file, firstContentOffset(file));
  const [start = 0, end = start] = range;
  const place = placeOfOffset(file, start);
  if (end <= start) return place;
  // Where the value (or key) ends, so a code frame can underline all of it; ranges of the yaml package end exclusive.
  const { line: endLine, column: endColumn } = placeOfOffset(file, end);
  return { ...place, endLine, endColumn };
}

/** The place of a field's key inside the mapping at `pointer` (for "unknown field"). */
export function placeOfKey(file: YamlFile, pointer: string | readonly (string | number)[], key: string): Place {
  const base = typeof pointer === "string" ? parsePointer(pointer) : [...pointer];
  return placeAt(file, [...base, key], "key");
}

/** Converts a character offset of the file to line and column. */
export function placeOfOffset(file: YamlFile, offset: number): Place {
  const pos = file.lines.linePos(offset);
  return { file: file.path, line: pos.line, column: pos.col };
}

function firstContentOffset(file: YamlFile): number {
  return (file.doc.contents as Node | null)?.range?.[0] ?? 0;
}

/** Splits a JSON pointer into its unescaped tokens. */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}
