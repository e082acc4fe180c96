// Copies the fonts the annex uses from their npm packages into fonts/ and describes them, so that every machine
// prints with the same glyphs and never with a system font:
//   fonts/*.woff2          the faces (one file per family, weight, style and Unicode subset)
//   fonts/LICENSE-*.txt    each package's licence, published with the fonts
//   fonts/fonts.json       faces, font stacks and the code points the stacks can print (read by src/render/fonts.ts)
//   templates/fonts.css    the @font-face rules and the stacks as CSS variables, put before style.css on the site;
//                          it names each file's SHA-256, so a changed font changes the PDFs' reuse key (src/pdf/reuse.ts
//                          hashes templates/).
// The coverage is read from the font files themselves (fontkit): a face prints a code point when its cmap has it and
// its unicode-range (as declared to the browser) includes it.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as fontkit from "fontkit";

const root = fileURLToPath(new URL("../", import.meta.url));
const require = createRequire(import.meta.url);
const outDir = path.join(root, "fonts");

// The Unicode subsets of the Source faces that are bundled (German, French, Polish, Czech, Turkish …, Greek, Cyrillic);
// anything else falls to DejaVu, which covers ~5,900 code points (Latin, Greek, Cyrillic, Armenian, Georgian, arrows,
// maths, box drawing, dingbats such as ✓ ✗) in one file per face.
const sourceSubsets = ["latin", "latin-ext", "greek", "cyrillic"];
const families = [
  { family: "Source Serif 4", pkg: "@fontsource/source-serif-4", weights: [400, 600, 700], styles: ["normal", "italic"], subsets: sourceSubsets },
  { family: "Source Sans 3", pkg: "@fontsource/source-sans-3", weights: [400, 600, 700], styles: ["normal", "italic"], subsets: sourceSubsets },
  { family: "Source Code Pro", pkg: "@fontsource/source-code-pro", weights: [400, 700], styles: ["normal", "italic"], subsets: sourceSubsets },
  // DejaVu is held to the Basic Multilingual Plane: its black-and-white emoticons (U+1F600 …) would set an emoji, or
  // the parts of an emoji sequence, as something else than the author saw; emoji are reported instead.
  { family: "DejaVu Sans Mono", pkg: "@fontsource/dejavu-mono", weights: [400, 700], styles: ["normal", "italic"], subsets: ["latin"], range: "U+0000-FFFF" },
  { family: "DejaVu Sans", pkg: "@fontsource/dejavu-sans", weights: [400, 700], styles: ["normal", "italic"], subsets: ["latin"], range: "U+0000-FFFF" },
];
// The font stacks of style.css (as --toms-serif, --toms-sans, --toms-mono) and of the running header and footer (sans).
// No system family and no generic family: a character none of these fonts has is reported by `toms check`.
const stacks = {
  serif: ["Source Serif 4", "DejaVu Sans"],
  sans: ["Source Sans 3", "DejaVu Sans"],
  mono: ["Source Code Pro", "DejaVu Sans Mono", "DejaVu Sans"],
};

/** "U+0000-00FF,U+0131" → [[0, 255], [305, 305]]. */
function parseRange(text) {
  return text.split(",").map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, "").split("-");
    return [parseInt(from, 16), parseInt(to ?? from, 16)];
  });
}

/** Sorted, merged [from, to] ranges of a set of code points. */
function toRanges(points) {
  const sorted = [...points].sort((a, b) => a - b);
  const ranges = [];
  for (const p of sorted) {
    const last = ranges.at(-1);
    if (last && p === last[1] + 1) last[1] = p;
    else ranges.push([p, p]);
  }
  return ranges;
}

const inRanges = (ranges, p) => ranges.some(([a, b]) => p >= a && p <= b);
const hex = (p) => p.toString(16).toUpperCase().padStart(4, "0");
const rangeText = (ranges) => ranges.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(",");

fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

const faces = [];
const familyCoverage = new Map();
const versions = {};
for (const spec of families) {
  const pkgDir = path.dirname(require.resolve(`${spec.pkg}/package.json`));
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
  versions[spec.pkg] = pkg.version;
  const id = spec.pkg.split("/")[1];
  const unicode = JSON.parse(fs.readFileSync(path.join(pkgDir, "unicode.json"), "utf8"));
  fs.copyFileSync(path.join(pkgDir, "LICENSE"), path.join(outDir, `LICENSE-${id}.txt`));
  let familyPoints;
  for (const weight of spec.weights) {
    for (const style of spec.styles) {
      const stylePoints = new Set();
      for (const subset of spec.subsets) {
        const file = `${id}-${subset}-${weight}-${style}.woff2`;
        const bytes = fs.readFileSync(path.join(pkgDir, "files", file));
        const font = fontkit.create(bytes);
        // A package with one file for the whole font (DejaVu) declares no range: the face is used for all it has.
        const declared = spec.range ?? unicode[subset];
        const range = declared ? parseRange(declared) : undefined;
        const covered = font.characterSet.filter((p) => !range || inRanges(range, p));
        for (const p of covered) stylePoints.add(p);
        fs.writeFileSync(path.join(outDir, file), bytes);
        faces.push({
          family: spec.family,
          weight,
          style,
          file,
          unicodeRange: range ? rangeText(range) : undefined,
          postscriptName: font.postscriptName,
          covered: toRanges(covered),
          sha256: createHash("sha256").update(bytes).digest("hex"),
        });
      }
      // A family prints a character in every weight and style only where each of its faces has it.
      familyPoints = familyPoints ? new Set([...familyPoints].filter((p) => stylePoints.has(p))) : stylePoints;
    }
  }
  familyCoverage.set(spec.family, familyPoints);
}

// A character is printable when every stack has it in one of its families: the checker does not know in which
// stack (body, heading, code, running header) a text will be set.
const stackPoints = Object.values(stacks).map((families) => new Set(families.flatMap((f) => [...familyCoverage.get(f)])));
const printable = [...stackPoints[0]].filter((p) => stackPoints.every((s) => s.has(p)));

const manifest = { generatedBy: "scripts/fonts.mjs", packages: versions, stacks, printable: toRanges(printable), faces };
fs.writeFileSync(path.join(outDir, "fonts.json"), `${JSON.stringify(manifest)}\n`);

const family = (names) => names.map((n) => `"${n}"`).join(", ");
const css = [
  "/* Generated by scripts/fonts.mjs from the npm font packages (see fonts/LICENSE-*.txt): do not edit. */",
  `/* ${Object.entries(versions)
    .map(([name, version]) => `${name}@${version}`)
    .join(" ")} */`,
  ":root {",
  ...Object.entries(stacks).map(([name, names]) => `  --toms-${name}: ${family(names)};`),
  "}",
  ...faces.map((f) =>
    [
      `@font-face { /* sha256 ${f.sha256} */`,
      `  font-family: "${f.family}";`,
      `  font-style: ${f.style};`,
      `  font-weight: ${f.weight};`,
      "  font-display: swap;",
      `  src: url("fonts/${f.file}") format("woff2");`,
      ...(f.unicodeRange ? [`  unicode-range: ${f.unicodeRange};`] : []),
      "}",
    ].join("\n"),
  ),
  "",
].join("\n");
fs.writeFileSync(path.join(root, "templates", "fonts.css"), css);

const size = faces.reduce((sum, f) => sum + fs.statSync(path.join(outDir, f.file)).size, 0);
console.log(`fonts/ written (${faces.length} faces, ${Math.round(size / 1024)} KiB, ${printable.length} printable code points)`);
