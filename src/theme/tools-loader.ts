import * as tools from "./tools.js";

/** The theme's sanitizers and their parsers (tools.ts). */
export type ThemeTools = typeof tools;

/**
 * The theme's sanitizers. Here, from lib/ and the tests, a plain import; in the bundle (scripts/bundle.mjs) this
 * module is replaced by one that requires lib/bundle/theme-tools.cjs on first use: a check of content without a
 * logo or templates/ then never loads the XML, HTML and CSS parsers (about 1 MB of code).
 */
export function themeTools(): ThemeTools {
  return tools;
}
