import type { Element, ElementContent, Root, RootContent, Text } from "hast";

// What a page template (templates/page.html, made safe by shell.ts) shows of its own, outside the slots toms fills:
// its words are printed in every page and PDF of every language, and its markup decides what the style sheet applies
// to. toms diff and the build's check of a published version compare both (compare-document.ts). Types only: no
// parser is loaded here.

/** The template's own text nodes with words in them, outside the slots (whose content toms replaces), in reading order. */
export function shellWords(shell: Root): Text[] {
  const found: Text[] = [];
  const walk = (nodes: readonly (ElementContent | RootContent)[]) => {
    for (const node of nodes) {
      if (node.type === "text" && node.value.trim() !== "") found.push(node);
      else if (node.type === "element" && node.tagName !== "head" && node.properties.dataSlot === undefined) walk(node.children);
    }
  };
  walk(shell.children);
  return found;
}

/**
 * The template's visible text as one line: its words with spacing collapsed, and after a link's words the address
 * print shows (required.css prints link addresses); undefined when the template has no words of its own.
 */
export function shellText(shell: Root): string | undefined {
  const parts: string[] = [];
  const walk = (nodes: readonly (ElementContent | RootContent)[]) => {
    for (const node of nodes) {
      if (node.type === "text") parts.push(node.value);
      else if (node.type === "element" && node.tagName !== "head" && node.properties.dataSlot === undefined) {
        walk(node.children);
        if (node.tagName === "a" && typeof node.properties.href === "string") parts.push(` <${node.properties.href}>`);
      } else if (node.type === "element") parts.push(" ");
    }
  };
  walk(shell.children);
  const text = parts.join("").replace(/\s+/g, " ").trim();
  return text === "" ? undefined : text;
}

/**
 * The template's elements and attributes as published, outside the slots, without its words (shellText has them) and
 * without where it was written: equal for two templates that differ only in their words or the layout of the source.
 */
export function shellMarkup(shell: Root): string {
  const html = shell.children.find((c): c is Element => c.type === "element" && c.tagName === "html");
  const body = html?.children.find((c): c is Element => c.type === "element" && c.tagName === "body");
  const strip = (node: ElementContent): unknown => {
    if (node.type !== "element") return undefined;
    const children = node.properties.dataSlot === undefined ? node.children.map(strip).filter((c) => c !== undefined) : [];
    // A link's address is printed: shellText has it.
    const { href: _href, ...properties } = node.properties;
    return [node.tagName, properties, children];
  };
  return JSON.stringify(body ? strip(body) : null);
}
