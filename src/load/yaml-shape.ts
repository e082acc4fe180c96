import { isCollection, isPair, isScalar, type Document, type Node } from "yaml";
import { say } from "../diagnostics/say.js";
import type { SyntaxProblem } from "./yaml-messages.js";

/** Deepest nesting of lists and fields toms reads: an annex needs six levels, a hostile file millions. */
export const maxYamlDepth = 100;
/** Nesting the text may show before parsing: the parser recurses per level (its stack ends near 800) and 1 MB of "[" took it 1.7 s and 400 MB. */
export const maxRawDepth = 200;

/**
 * Estimates the nesting of YAML text before it is parsed: brackets [ { outside quotes and comments,
 * list dashes opening one line ("- - - x"), and indentation. Returns where it first exceeds
 * maxRawDepth; honest text never comes near, so an estimate suffices.
 */
export function yamlDepthProblem(text: string): SyntaxProblem | undefined {
  const tooDeep = (offset: number): SyntaxProblem => ({ offset, said: say["yaml-syntax"].nestedBeyond({ levels: maxRawDepth }) });
  let depth = 0;
  let quote: string | undefined;
  let lineStart = true;
  const lead = /[ \t]*(?:-[ \t]+)*/y;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (lineStart) {
      lineStart = false;
      lead.lastIndex = i;
      const found = lead.exec(text)?.[0] ?? "";
      if (found.length > 2 * maxRawDepth) {
        // Report where the limit is crossed: at the dash one too many, or the column past the indentation allowed.
        let dashes = 0;
        for (let k = 0; k < found.length; k++) if (found[k] === "-" && ++dashes > maxRawDepth) return tooDeep(i + k);
        if (found.length - dashes > 2 * maxRawDepth) return tooDeep(i + 2 * maxRawDepth);
      }
    }
    if (c === "\n") lineStart = true;
    if (quote !== undefined) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    const before = i === 0 ? "\n" : (text[i - 1] as string);
    if (c === "#" && /\s/.test(before)) {
      const end = text.indexOf("\n", i);
      i = (end === -1 ? text.length : end) - 1;
    } else if ((c === '"' || c === "'") && /[\s[{,:]/.test(before)) {
      quote = c;
    } else if (c === "[" || c === "{") {
      if (++depth > maxRawDepth) return tooDeep(i);
    } else if ((c === "]" || c === "}") && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

// Tags that only say what the value is anyway (!!str makes 5 the text "5"): the schema judges the value they give.
// Any other (!!binary, !!timestamp, !!set, !!omap, !!pairs) turns a value into something that is no text, number or
// list, which the schema would report as dozens of puzzling errors at the file's start (a !!binary text became 52).
// (The non-specific "!" is a text; tags of other names are reported as unknown by the parser already.)
const yamlTag = "tag:yaml.org,2002:";
const plainTags = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((name) => `${yamlTag}${name}`));

// The problem of a tag toms does not read, at the tag as written (it stands before the value, on its line).
function typeTag(node: Node, text: string): SyntaxProblem {
  const start = node.range?.[0] ?? 0;
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const before = text.slice(lineStart, start);
  const written = [...before.matchAll(/(?:^|\s)(![^\s]*)/g)].at(-1);
  const offset = written?.index === undefined ? start : lineStart + written.index + (written[0].length - (written[1] as string).length);
  return { offset, said: say["yaml-syntax"].tag({ tag: written?.[1] ?? String(node.tag) }) };
}

/**
 * Finds every field given twice in one place (the yaml package's own check compares each key with all
 * before it: 60 000 fields took it 100 s), the first field name that is a list or a set of fields (it
 * would become the text "[ a, b ]"), tags that make a value something other than text, numbers, lists and fields, and nesting so deep that converting it would overflow the stack.
 * Walks without recursion.
 */
export function yamlShapeProblems(doc: Document.Parsed, text = ""): SyntaxProblem[] {
  const found: SyntaxProblem[] = [];
  const stack: { node: Node; depth: number }[] = doc.contents ? [{ node: doc.contents as Node, depth: 1 }] : [];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: Node; depth: number };
    if (depth > maxYamlDepth) {
      return [...found, { offset: node.range?.[0] ?? 0, said: say["yaml-syntax"].nestedBeyond({ levels: maxYamlDepth }) }];
    }
    if (node.tag?.startsWith(yamlTag) && !plainTags.has(node.tag)) found.push(typeTag(node, text));
    if (!isCollection(node)) continue;
    const keys = new Set<string>();
    const next: { node: Node; depth: number }[] = [];
    for (const item of node.items) {
      if (isPair(item)) {
        const key = item.key as Node | null;
        if (key && !isScalar(key)) {
          return [...found, { offset: key.range?.[0] ?? 0, said: say["yaml-syntax"].complexKey() }];
        }
        const name = String(isScalar(key) ? key.value : "");
        if (keys.has(name)) {
          found.push({ offset: key?.range?.[0] ?? 0, said: say["yaml-duplicate-key"].twice({ field: name }) });
        }
        keys.add(name);
        if (item.value) next.push({ node: item.value as Node, depth: depth + 1 });
      } else if (item) {
        next.push({ node: item as Node, depth: depth + 1 });
      }
    }
    stack.push(...next.reverse());
  }
  return found;
}
