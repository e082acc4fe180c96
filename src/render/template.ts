import fs from "node:fs";
import type { Element, ElementContent, Root } from "hast";
import { fromHtml } from "hast-util-from-html";

/** Folder of the HTML shell and style sheets. */
export const templateDir = new URL("../../templates/", import.meta.url);

const parsed = new Map<string, Root>();

/**
 * The page shell as a hast tree to fill, a fresh copy each call: the content folder's own (templates/page.html there,
 * made safe when the content was checked, see theme/shell.ts) when `own` is given, else toms's (parsed once).
 */
export function pageShell(own?: Root): Root {
  return own ? structuredClone(own) : template("page.html", false);
}

/** A template of templates/ as a hast tree (a fragment, or a whole document), parsed once; each call returns a fresh copy to fill. */
export function template(name: string, fragment: boolean): Root {
  let tree = parsed.get(name);
  if (!tree) {
    tree = fromHtml(fs.readFileSync(new URL(name, templateDir), "utf8"), { fragment });
    parsed.set(name, tree);
  }
  return structuredClone(tree);
}

/** Forgets the parsed templates, so the next use reads them again (the live preview, after a template was saved). */
export function forgetTemplates(): void {
  parsed.clear();
}

/** Fills the shell: sets `lang` on <html>, puts the nodes into each `data-slot` element and removes the marker. */
export function fillShell(tree: Root, lang: string, slots: Record<string, ElementContent[]>, head: Element[] = []): Root {
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== "element") continue;
      if (child.tagName === "html") child.properties.lang = lang;
      const slot = child.properties.dataSlot;
      if (typeof slot === "string") {
        // The filled content is the page's own; the shell's markers are not inside it.
        child.children = slots[slot] ?? [];
        delete child.properties.dataSlot;
        continue;
      }
      if (child.tagName === "head") child.children.push(...head);
      visit(child);
    }
  };
  visit(tree);
  return tree;
}
