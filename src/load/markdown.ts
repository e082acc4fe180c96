import type { Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

const parser = unified().use(remarkParse).use(remarkGfm);
const cache = new Map<string, Root>();
// Characters of Markdown the cache may hold: far above any annex (the meetyoo annex has 15,000), bounded
// for long-running processes (tests, fuzzing) that see endless distinct texts.
const maxCachedChars = 64 * 1024 * 1024;
let cachedChars = 0;

/** Parses Markdown (CommonMark + GFM tables, lists, autolinks) to mdast; each distinct text is parsed once per process. */
export function parseMarkdown(markdown: string): Root {
  let tree = cache.get(markdown);
  if (!tree) {
    tree = parser.runSync(parser.parse(markdown)) as Root;
    if (cachedChars + markdown.length > maxCachedChars) {
      cache.clear();
      cachedChars = 0;
    }
    cache.set(markdown, tree);
    cachedChars += markdown.length;
  }
  return tree;
}
