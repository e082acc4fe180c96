import type { Element, Root } from "hast";
import fs from "node:fs";
import { h } from "hastscript";
import { type BundledFace, fontDir, fontManifest, inRanges } from "../render/fonts.js";

// Chromium draws the running header and footer from their templates in a document of their own, at once: it loads
// nothing for them, so a font the template names is a system font, and an @font-face there is skipped unless its
// file is in the browser's memory already. What is measured to work: the template declares each face it needs
// with its font inlined as a data: URL, and the page being printed has loaded the very same URL before (the
// "font loader" below). Without that the header came out in the system's Liberation Sans or DejaVu Sans.

/** The file name the font loader's style sheet is served under while printing (it is not part of the site). */
export const loaderStyleSheet = "toms-running-fonts.css";

/** The weights the running header and footer use (regular text, and the title and organisation in semibold). */
const runningWeights = [400, 600];

/**
 * The bundled faces the browser picks to set `text` in the sans stack in the running weights: per character the
 * first family of the stack with a face of the nearest weight (CSS font matching) whose subset has the
 * character. A character no face has is left out (`toms check` reports it).
 */
export function runningFaces(text: string): BundledFace[] {
  const { stacks, faces } = fontManifest();
  const chosen = new Set<BundledFace>();
  const chars = new Set(Array.from(text.replace(/\s/g, "")));
  for (const weight of runningWeights) {
    for (const char of chars) {
      const codePoint = char.codePointAt(0)!;
      for (const family of stacks.sans) {
        const own = faces.filter((f) => f.family === family && f.style === "normal");
        const best = nearestWeight(
          own.map((f) => f.weight),
          weight,
        );
        const face = own.find((f) => f.weight === best && inRanges(f.covered, codePoint));
        if (face) {
          chosen.add(face);
          break;
        }
      }
    }
  }
  return faces.filter((f) => chosen.has(f));
}

/** CSS font matching by weight (CSS Fonts 4, §5.2): the available weight used for the one asked for. */
export function nearestWeight(available: number[], wanted: number): number | undefined {
  const below = available.filter((w) => w <= wanted).sort((a, b) => b - a);
  const above = available.filter((w) => w > wanted).sort((a, b) => a - b);
  if (available.includes(wanted)) return wanted;
  if (wanted >= 400 && wanted <= 500) {
    const upTo500 = above.filter((w) => w <= 500);
    return upTo500[0] ?? below[0] ?? above[0];
  }
  return wanted > 500 ? (above[0] ?? below[0]) : (below[0] ?? above[0]);
}

const dataUrls = new Map<string, string>();

// The same string for the same face every time: the browser's memory cache is keyed by it.
function dataUrl(face: BundledFace): string {
  let url = dataUrls.get(face.file);
  if (url === undefined) {
    url = `data:font/woff2;base64,${fs.readFileSync(new URL(face.file, fontDir)).toString("base64")}`;
    dataUrls.set(face.file, url);
  }
  return url;
}

/** The header's and footer's style: the faces (inlined) under their own family names, and the sans stack. */
export function runningFontCss(faces: BundledFace[], selector: string): string {
  const rules = faces.map((f) =>
    [
      `@font-face { font-family: ${JSON.stringify(f.family)}; font-style: ${f.style}; font-weight: ${f.weight};`,
      ` src: url(${JSON.stringify(dataUrl(f))}) format("woff2");`,
      f.unicodeRange ? ` unicode-range: ${f.unicodeRange}; }` : " }",
    ].join(""),
  );
  const stack = fontManifest()
    .stacks.sans.map((n) => JSON.stringify(n))
    .join(", ");
  return [...rules, `${selector} { font-family: ${stack}; font-synthesis: none; }`].join("\n");
}

/**
 * The font loader's style sheet: each face under a family of its own (so the loader picks exactly that file),
 * loaded by an element nobody sees. Its text is clipped to a 1 px box: it must not widen the page, which
 * Chromium would shrink to fit.
 */
export function loaderCss(faces: BundledFace[]): string {
  const rules = faces.flatMap((f, i) => [
    `@font-face { font-family: "toms-running-${i}"; font-style: ${f.style}; font-weight: ${f.weight}; src: url(${JSON.stringify(dataUrl(f))}) format("woff2"); }`,
    `.toms-font-loader > .face-${i} { font-family: "toms-running-${i}"; font-style: ${f.style}; font-weight: ${f.weight}; }`,
  ]);
  return [
    ".toms-font-loader { position: absolute; top: 0; left: 0; width: 1px; height: 1px; overflow: hidden; visibility: hidden; white-space: nowrap; }",
    ...rules,
    "",
  ].join("\n");
}

/** The class of the font loader element; the page checks before printing leave it out. */
export const loaderClass = "toms-font-loader";

/**
 * The page as printed: the published page plus the font loader (a style sheet served only to the printing tab, and
 * an invisible element using each face) and a Content-Security-Policy that lets the page load inlined fonts.
 */
export function withFontLoader(tree: Root, faces: BundledFace[]): Root {
  const copy = structuredClone(tree);
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== "element") continue;
      // From the site's root: a translation's page is in a folder of its own (en/berlin.html).
      if (child.tagName === "head") child.children.push(h("link", { rel: "stylesheet", href: `/${loaderStyleSheet}` }));
      if (child.tagName === "meta" && String(child.properties.httpEquiv).toLowerCase() === "content-security-policy") {
        child.properties.content = String(child.properties.content).replace(/font-src ([^;]*)/, "font-src $1 data:");
      }
      if (child.tagName === "body") {
        child.children.unshift(
          h(
            `div.${loaderClass}`,
            { ariaHidden: "true" },
            faces.map((f, i) => h(`span.face-${i}`, sample(f))),
          ),
        );
        continue;
      }
      visit(child);
    }
  };
  visit(copy);
  return copy;
}

// A few characters the face has: any text in a face without unicode-range makes the browser load it.
function sample(face: BundledFace): string {
  const [from, to] = face.covered.find(([a]) => a > 0x20) ?? face.covered[0] ?? [0x41, 0x41];
  return String.fromCodePoint(...Array.from({ length: Math.min(3, to - from + 1) }, (_, i) => from + i));
}
