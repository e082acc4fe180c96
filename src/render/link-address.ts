import type { Element } from "hast";
import { h } from "hastscript";

/** A link's address, shown after the link in print only: on paper a link cannot be followed (see style.css). */
export function linkAddress(href: string): Element {
  return h("span.link-address", ` (${href.replace(/^(mailto|tel):/, "")})`);
}
