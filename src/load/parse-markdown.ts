import type { Nodes, Root } from "mdast";
import type { Extension as FromMarkdownExtension } from "mdast-util-from-markdown";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import type { Construct, Extension } from "micromark-util-types";
import remarkParse from "remark-parse";
import { unified, type Processor } from "unified";
import { TextCache } from "../util/text-cache.js";

// CommonMark + GFM, exactly what remark-parse with remark-gfm (singleTilde: false) gives (a test compares the two), but each text is
// parsed with only the GFM constructs it can contain, handed to remark-parse the way remark-gfm hands them. Every
// GFM construct needs a character or word to start from; a text without it gets the same tree without the
// construct, and skipping it saves most of GFM's cost: the e-mail autolink is tried at every letter and digit,
// the autolink transform walks every text node. The order is that of micromark-extension-gfm and mdast-util-gfm
// (it decides which construct wins where two start alike).
interface Feature {
  /** Whether the text may hold the construct (false only when it certainly cannot). */
  may(text: string): boolean;
  syntax: Extension;
  mdast: FromMarkdownExtension;
}

// The three kinds of autolink literal are one extension: kept as one, with only the kinds a text may hold, so
// that where two start at the same letter their order stays (e-mail before www and http).
const autolinkKinds: [name: string, may: (text: string) => boolean][] = [
  ["emailAutolink", (t) => t.includes("@")],
  ["protocolAutolink", (t) => /http/i.test(t)],
  ["wwwAutolink", (t) => /www/i.test(t)],
];
// Its transform (literal autolinks the syntax does not catch) only changes text nodes that hold a trigger: it is
// run after parsing, and only when one does (often the trigger is just in a link's address). It sees text with
// character references decoded (`dsb&#64;example.com` is an address to it), so any `&` may hide a trigger.
const { transforms, ...autolinkMdast } = gfmAutolinkLiteralFromMarkdown();
const autolinkTransforms = transforms ?? [];
const autolinkTrigger = /http|www|@/i;
const mayHideAutolink = /http|www|@|&/i;
const autolink: Feature = {
  may: (t) => autolinkKinds.some(([, may]) => may(t)),
  syntax: gfmAutolinkLiteral(),
  mdast: autolinkMdast,
};
const features: Feature[] = [
  autolink,
  { may: (t) => t.includes("[^"), syntax: gfmFootnote(), mdast: gfmFootnoteFromMarkdown() },
  // Only ~~double~~ tildes strike through: a single one is a range or an approximation in a legal text ("40~60 %").
  // Still, any tilde needs the extension: it makes "~" an attention marker, which decides whether the asterisks
  // beside it open or close emphasis ("**~**www." parses otherwise; found by the fuzz test).
  { may: (t) => t.includes("~"), syntax: gfmStrikethrough({ singleTilde: false }), mdast: gfmStrikethroughFromMarkdown() },
  // A table's delimiter row has a pipe or an alignment colon (`:-`, `-:`): a one-column table needs no pipe.
  { may: (t) => /\||:-|-:/.test(t), syntax: gfmTable(), mdast: gfmTableFromMarkdown() },
  // A check box may span a line break (`[` at a line's end, `]` on the next, after any container prefix).
  { may: (t) => /\[[\sxX]/.test(t), syntax: gfmTaskListItem(), mdast: gfmTaskListItemFromMarkdown() },
];

// A parser per set of features and autolink kinds (at most 2^7), made once.
const parsers = new Map<string, Processor<Root>>();

function parserFor(text: string): Processor<Root> {
  const kinds = autolinkKinds.filter(([, may]) => may(text)).map(([name]) => name);
  const used = features.filter((feature) => feature !== autolink && feature.may(text));
  const key = `${kinds.join()};${used.map((f) => features.indexOf(f)).join()}`;
  let parser = parsers.get(key);
  if (!parser) {
    const syntax = [...(kinds.length > 0 ? [onlyConstructs(autolink.syntax, kinds)] : []), ...used.map((f) => f.syntax)];
    const mdast = [...(kinds.length > 0 ? [autolink.mdast] : []), ...used.map((f) => f.mdast)];
    parser = unified().use(remarkParse).data("micromarkExtensions", syntax).data("fromMarkdownExtensions", mdast);
    parsers.set(key, parser);
  }
  return parser;
}

/** The micromark extension `extension` with only the constructs named (the others removed, the order kept). */
function onlyConstructs(extension: Extension, names: string[]): Extension {
  const text: Record<number, Construct[]> = {};
  for (const [code, value] of Object.entries(extension.text ?? {})) {
    const kept = (Array.isArray(value) ? value : [value]).filter((c): c is Construct => c !== undefined && names.includes(c.name ?? ""));
    if (kept.length > 0) text[Number(code)] = kept;
  }
  return { text };
}

function someText(tree: Root, pattern: RegExp): boolean {
  const stack: Nodes[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === "text" && pattern.test(node.value)) return true;
    if ("children" in node) stack.push(...node.children);
  }
  return false;
}

const cache = new TextCache<Root>();

/**
 * Parses Markdown (CommonMark + GFM tables, lists, autolinks) to mdast; each distinct text is parsed once per
 * process. With `keep: false` a tree not parsed before is not kept either: the renderer keeps its own result
 * (hast), and holding every tree of a large site would only make more work for the garbage collector.
 */
export function parseMarkdown(markdown: string, { keep = true } = {}): Root {
  const cached = cache.get(markdown);
  if (cached) return cached;
  let tree = parserFor(markdown).parse(markdown);
  if (mayHideAutolink.test(markdown) && someText(tree, autolinkTrigger)) for (const transform of autolinkTransforms) tree = transform(tree) ?? tree;
  return keep ? cache.set(markdown, tree) : tree;
}
