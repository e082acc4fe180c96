/**
 * Why toms took something out of a logo or a template before publishing it (rule theme-refused words each reason):
 * it would run a program, load or embed something from elsewhere, or break a promise the published pages make.
 */
export type RefusalReason =
  /** A script, an event handler, a javascript: address, an animation that can change a link. */
  | "script"
  /** A reference to another file or address (href, src, url(), @import, a style sheet link). */
  | "loads"
  /** Another document inside this one (iframe, object, foreignObject). */
  | "embeds"
  /** A part of a page's head: toms writes the head of every page itself (Content-Security-Policy, style sheet). */
  | "head"
  /** An inline style (a style element or attribute in a page): the pages' Content-Security-Policy forbids them. */
  | "inline-style"
  /** A font (@font-face): pages and PDFs are set only in toms's bundled fonts. */
  | "font"
  /** Text a style sheet would add to the page (content: "…"), which nobody wrote into the annex. */
  | "text"
  /** A style that could move, cover, overlap or hide words of the annex, or one toms does not keep (docs/theme.md). */
  | "layout"
  /** !important in a content folder's style sheet: toms's required rules (required.css) must win over it. */
  | "important"
  /** A backslash escape in a style value, which could hide an address. */
  | "escape"
  /** A form or one of its fields: the published pages send nothing anywhere. */
  | "form"
  /** A picture or media in a page template: the logo is the theme's, and pages load no other pictures. */
  | "picture"
  /** Something toms does not keep (an effect, an unknown element or rule), harmless but not supported. */
  | "unsupported";

/** One thing removed, where it was written (1-based line and column of the file it is in). */
export interface Refusal {
  line: number;
  column: number;
  /** What it was, as written in the file: `<script>`, `onload`, `@import`, `url(…)`. */
  what: string;
  reason: RefusalReason;
}
