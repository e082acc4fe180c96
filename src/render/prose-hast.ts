import type { ElementContent, Root } from "hast";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { parseMarkdown } from "../load/markdown.js";

// GitHub's sanitizing rules (no script, style, event handlers, iframes, forms; only safe URL schemes),
// narrowed further: links only to the web, mail and phone, and no images.
const schema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto", "tel"], src: ["http", "https"] },
  // Images would load files from elsewhere or files the site does not have (the checker warns about them).
  tagNames: (defaultSchema.tagNames ?? []).filter((name) => name !== "img"),
};

const toHast = unified().use(remarkRehype).use(rehypeSanitize, schema);

/** Author Markdown as sanitized hast block nodes. */
export function proseToHast(markdown: string): ElementContent[] {
  const tree = toHast.runSync(parseMarkdown(markdown, { keep: false })) as Root;
  return tree.children.filter((n): n is ElementContent => n.type !== "doctype" && !(n.type === "text" && n.value.trim() === ""));
}
