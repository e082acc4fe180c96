import type { Element, Root, RootContent } from "hast";

/**
 * A page as the PDF gets it: a link of toms's own to another page of the site (`a.site-link`, e.g. the history
 * entry's link to the changes page) leads, in a PDF, nowhere next to the file, so it gets the page's public address
 * (`data-pdf-href`, from site_url) or, without one, is no link at all, its text kept. Changes the tree given.
 */
export function printedLinks(tree: Root): Root {
  const walk = (node: Root | Element) => {
    node.children = node.children.flatMap((child): RootContent[] => {
      if (child.type !== "element") return [child];
      walk(child);
      const classes = Array.isArray(child.properties.className) ? child.properties.className : [];
      if (child.tagName !== "a" || !classes.includes("site-link")) return [child];
      const address = child.properties.dataPdfHref;
      if (typeof address !== "string") return child.children;
      child.properties.href = address;
      delete child.properties.dataPdfHref;
      return [child];
    }) as typeof node.children;
  };
  walk(tree);
  return tree;
}
