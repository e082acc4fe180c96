import fs from "node:fs";
import path from "node:path";
import type { Diagnostics, Place } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import type { LoadedContent } from "../load/load.js";
import type { YamlFile } from "../load/yaml-file.js";
import { placeAt } from "../load/yaml-path.js";
import type { Logo, Theme } from "../model.js";
import { templateDir } from "../render/template.js";
import { accentShades, minTextContrast, parseHex, ratioText } from "../theme/colour.js";
import { unprintable } from "../render/fonts.js";
import { readPng } from "../theme/png.js";
import type { Refusal } from "../theme/refusal.js";
import { shellText, shellWords } from "../theme/shell-text.js";
import { themeTools } from "../theme/tools-loader.js";
import { type Fields, isFields } from "../util/guards.js";
import { closest } from "../util/suggest.js";
import { contentPath } from "./paths.js";

/** The folder of a content folder whose page.html and style.css replace toms's. */
export const templatesFolder = "templates";

/** The largest logo toms takes: it is published with every version and inlined into the running header of every PDF. */
export const maxLogoBytes = 128 * 1024;
/** The most pixels a PNG logo may have on a side (a letterhead needs a few hundred; this bounds decoding). */
export const maxLogoPixels = 4096;

/**
 * The company's look: site.yaml's `theme` (logo, accent colour) and the content folder's templates/ (page.html,
 * style.css), each checked and made safe, with every problem reported. Undefined when there is neither.
 */
export function resolveTheme(content: LoadedContent, file: YamlFile, value: Fields, diagnostics: Diagnostics): Theme | undefined {
  const theme: Theme = {};
  const written = isFields(value.theme) ? value.theme : {};
  if (typeof written.logo === "string" && written.logo !== "") {
    const place = placeAt(file, ["theme", "logo"]);
    const target = contentPath(content, file.path, written.logo, place, diagnostics, true);
    const logo = target === undefined ? undefined : readLogo(content, target, written.logo, place, diagnostics);
    if (logo) theme.logo = logo;
  }
  if (typeof written.accent === "string" && parseHex(written.accent)) {
    const shades = accentShades(written.accent);
    if (shades.onWhite < minTextContrast) {
      diagnostics.add(
        say["theme-contrast"].tooPale({ accent: written.accent, ratio: ratioText(shades.onWhite), shade: shades.text }),
        placeAt(file, ["theme", "accent"]),
      );
    }
    theme.accent = { rule: shades.rule, text: shades.text, tint: shades.tint };
  }
  readTemplates(content, theme, diagnostics, translationsOf(value));
  return Object.keys(theme).length > 0 ? theme : undefined;
}

function readLogo(content: LoadedContent, target: string, written: string, place: Place, diagnostics: Diagnostics): Logo | undefined {
  const type = path.extname(target).toLowerCase();
  if (type !== ".svg" && type !== ".png") {
    diagnostics.add(say["theme-logo"].notSvgOrPng({ path: written }), place);
    return undefined;
  }
  let bytes: Buffer;
  try {
    bytes = content.fs.read(target);
  } catch {
    diagnostics.add(say["file-unreadable"].unreadable(), place);
    return undefined;
  }
  if (bytes.length > maxLogoBytes) {
    diagnostics.add(say["theme-logo"].tooBig({ path: written, limitKb: maxLogoBytes / 1024 }), place);
    return undefined;
  }
  if (type === ".png") {
    const png = readPng(bytes);
    if (!png.ok) {
      const problem = png.problem;
      diagnostics.add(
        problem.kind === "not-png"
          ? say["theme-logo"].notPng({ path: written, ...(problem.actually && { actually: problem.actually }) })
          : say["theme-logo"].damagedPng({ path: written }),
        place,
      );
      return undefined;
    }
    if (png.width > maxLogoPixels || png.height > maxLogoPixels) {
      diagnostics.add(say["theme-logo"].pngTooLarge({ path: written, width: png.width, height: png.height, limit: maxLogoPixels }), place);
      return undefined;
    }
    return { name: "logo.png", bytes, width: png.width, height: png.height };
  }
  // An SVG is text: read as every content file is (UTF-8, its problems reported at their place).
  const text = content.reader.read(target);
  if (text === undefined) return undefined;
  const { safeSvg, maxSvgDepth, maxSvgElements } = themeTools();
  const svg = safeSvg(text);
  if (!svg.ok) {
    const at = { file: target, line: svg.line, column: svg.column };
    const problems = {
      "not-xml": () => say["theme-logo"].notXml(),
      entities: () => say["theme-logo"].entities(),
      "not-svg": () => say["theme-logo"].notSvg(),
      text: () => say["theme-logo"].text(),
      "no-size": () => say["theme-logo"].noSize(),
      "too-deep": () => say["theme-logo"].tooDeep({ limit: maxSvgDepth }),
      "too-complex": () => say["theme-logo"].tooComplex({ limit: maxSvgElements }),
    };
    diagnostics.add(problems[svg.problem](), at);
    return undefined;
  }
  report(svg.refused, "logo", target, diagnostics);
  return { name: "logo.svg", bytes: Buffer.from(svg.svg, "utf8"), width: svg.width, height: svg.height };
}

// templates/page.html and templates/style.css of the content folder; any other file there is not used (a warning).
// The languages of a site in several (site.yaml's lang and translations); none for a site in one.
function translationsOf(value: Fields): string[] {
  const translations = Array.isArray(value.translations) ? value.translations.filter((t): t is string => typeof t === "string") : [];
  return translations.length === 0 ? [] : [typeof value.lang === "string" ? value.lang : "de", ...translations];
}

// `languages`: those of a site in several, whose pages all show the template's words as written.
function readTemplates(content: LoadedContent, theme: Theme, diagnostics: Diagnostics, languages: readonly string[]): void {
  const folder = path.join(content.root, templatesFolder);
  for (const file of content.files.filter((f) => f.startsWith(folder + path.sep))) {
    const name = path.relative(folder, file).split(path.sep).join("/");
    if (name !== "page.html" && name !== "style.css") {
      diagnostics.add(say["theme-template"].unused({ name }), { file, line: 1, column: 1 }, "warning");
      continue;
    }
    const text = content.reader.read(file);
    if (text === undefined) continue;
    const { safeCss, safeShell, slotNames } = themeTools();
    if (name === "style.css") {
      const css = safeCss(text, "page");
      if (!css.ok) {
        diagnostics.add(say["theme-template"].unreadableCss(), { file, line: css.line, column: css.column });
        continue;
      }
      report(css.refused, "style", file, diagnostics);
      theme.style = css.css;
      continue;
    }
    const shell = safeShell(text, fs.readFileSync(new URL("page.html", templateDir), "utf8"), unprintable);
    report(shell.refused, "page", file, diagnostics);
    for (const problem of shell.problems) {
      const at = { file, line: problem.line, column: problem.column };
      if (problem.kind === "no-main") diagnostics.add(say["theme-template"].noMain(), at);
      else if (problem.kind === "slot-twice") diagnostics.add(say["theme-template"].slotTwice({ slot: problem.slot, line: problem.first }), at);
      else if (problem.kind === "unknown-slot")
        diagnostics.add(say["theme-template"].unknownSlot({ slot: problem.slot, suggestion: closest(problem.slot, slotNames), slots: slotNames }), at);
      else diagnostics.add(say["glyph-missing"].noGlyph({ run: problem.char }), at);
    }
    if (shell.shell) theme.shell = shell.shell;
    // One template serves every language: its own words would stand untranslated in all but one.
    const words = shell.shell && languages.length > 0 ? shellWords(shell.shell) : [];
    const first = words[0];
    if (shell.shell && first) {
      const text = shellText(shell.shell) ?? "";
      const at = { file, line: first.position?.start.line ?? 1, column: first.position?.start.column ?? 1 };
      diagnostics.add(say["template-untranslated"].inEveryLanguage({ words: text.length > 60 ? `${text.slice(0, 59)}…` : text, languages }), at, "warning");
    }
  }
}

function report(refused: Refusal[], from: "logo" | "page" | "style", file: string, diagnostics: Diagnostics): void {
  for (const r of refused) diagnostics.add(say["theme-refused"].removed({ from, what: r.what, reason: r.reason }), { file, line: r.line, column: r.column });
}
