import type { Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

const parser = unified().use(remarkParse).use(remarkGfm);
const cache = new Map<string, Root>();
const maxCached = 2000;

/** Parses Markdown (CommonMark + GFM tables, lists, autolinks) to mdast; each distinct text is parsed once per process. */
export function parseMarkdown(markdown: string): Root {
  let tree = cache.get(markdown);
  if (!tree) {
    tree = parser.runSync(parser.parse(markdown)) as Root;
    // A long-running process (watch, tests, fuzzing) sees endless distinct texts: keep the cache bounded.
    if (cache.size >= maxCached) cache.clear();
    cache.set(markdown, tree);
  }
  return tree;
}
