import type { Element } from "hast";
import { h } from "hastscript";

/**
 * A link's address, and its title when it has one (otherwise only a tooltip on screen), shown after the link in print
 * only: on paper a link cannot be followed (see style.css). `address: false` for a link whose text is its address.
 */
export function linkAddress(href: string, title?: string, address = true): Element {
  const shown = href.replace(/^(mailto|tel):/, "");
  return h("span.link-address", ` (${[title, address ? shown : undefined].filter(Boolean).join(": ")})`);
}
