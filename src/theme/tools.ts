// The parts of the theme check that need parsers (XML, HTML, CSS): loaded only for content that has a logo or
// templates/ (see tools-loader.ts), so a check of content without them never reads the parsers.
export { safeCss } from "./css.js";
export { safeShell, slotNames } from "./shell.js";
export { maxSvgDepth, maxSvgElements, safeSvg } from "./svg.js";
