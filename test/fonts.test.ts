// The bundled fonts (scripts/fonts.mjs → fonts/) and what they can print: the coverage `toms check` asks about.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { nearestWeight, runningFaces } from "../src/pdf/running-fonts.js";
import { fontManifest, printable, siteFontFiles, unprintable } from "../src/render/fonts.js";

const templates = new URL("../templates/", import.meta.url);

describe("the characters the bundled fonts print", () => {
  it("are every letter of German, French, Polish, Czech, Turkish, Greek and Cyrillic text and the usual symbols", () => {
    const texts = [
      "Größe, Maßnahmen, Übertragung, Äpfel, Öl — „Zutrittskontrolle“ und ‚Schlüssel‘ …",
      "Contrôle d’accès: élève, garçon, cœur, Œuvre, « Sécurité » naïve",
      "Zażółć gęślą jaźń, ŁÓDŹ; Příliš žluťoučký kůň; Iğdır, İstanbul, şeker, ı",
      "Ελληνικά: Αλφάβητο ΑΒΓΔ αβγδ ω",
      "Кириллица: Съешь же ещё этих мягких французских булок, да выпей чаю. Ёё",
      "✓ ✗ → ← ↑ ↓ ⇒ € § ¶ © ® ™ ° ± × ÷ ½ – — … • · ‰ ≤ ≥ ≠ ∞",
      "tab\there\nline\r\nno-break\u00a0space, soft\u00adhyphen",
    ];
    for (const text of texts) expect(unprintable(text), text).toEqual([]);
  });

  it("cover all of Latin-1, Latin Extended-A, the Greek and the Cyrillic alphabet", () => {
    const missing: string[] = [];
    const check = (from: number, to: number, skip: number[] = []) => {
      for (let p = from; p <= to; p++) if (!skip.includes(p) && !printable(p)) missing.push(`U+${p.toString(16).toUpperCase()}`);
    };
    check(0x20, 0x7e);
    check(0xa0, 0x17f);
    check(0x391, 0x3c9, [0x3a2]);
    check(0x400, 0x45f);
    expect(missing).toEqual([]);
  });

  it("leave out Chinese, Devanagari, emoji, private use and control characters, each reported where it is", () => {
    expect(unprintable("Daten 中文 hier")).toEqual([
      { index: 6, char: "中" },
      { index: 7, char: "文" },
    ]);
    expect(unprintable("देवनागरी").map((u) => u.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // An emoji is one character of two UTF-16 code units: reported once, whole, at its first unit.
    expect(unprintable("ok 😀!")).toEqual([{ index: 3, char: "😀" }]);
    expect(unprintable("a\ue000b")).toEqual([{ index: 1, char: "\ue000" }]);
    expect(unprintable("a\u0007b\u0000")).toEqual([
      { index: 1, char: "\u0007" },
      { index: 3, char: "\u0000" },
    ]);
    expect(unprintable("x\ud800y")).toEqual([{ index: 1, char: "\ud800" }]);
    expect(printable(0x2713)).toBe(true);
    expect(printable(0x1f600)).toBe(false);
  });
});

describe("the bundled fonts", () => {
  it("are the only fonts the style sheets name, and every family of a stack is bundled", () => {
    const { stacks, faces } = fontManifest();
    const families = new Set(faces.map((f) => f.family));
    for (const stack of Object.values(stacks)) for (const family of stack) expect(families, family).toContain(family);
    // Every font-family of style.css is a stack variable; the running header and footer get theirs from src/pdf/running.ts.
    const style = fs.readFileSync(new URL("style.css", templates), "utf8");
    const declared = [...style.matchAll(/font-family:\s*([^;}]+)/g)].map((m) => m[1]!.trim());
    expect(declared.length).toBeGreaterThan(5);
    for (const value of declared) expect(value).toMatch(/^var\(--toms-(serif|sans|mono)\)$/);
    for (const name of ["pdf-header.html", "pdf-footer.html"]) expect(fs.readFileSync(new URL(name, templates), "utf8")).not.toContain("font-family");
    // The generated rules declare each stack from fonts.json and load every face from the site's fonts/.
    const fontsCss = fs.readFileSync(new URL("fonts.css", templates), "utf8");
    expect(fontsCss).toContain(`--toms-serif: ${stacks.serif.map((f) => `"${f}"`).join(", ")};`);
    expect([...fontsCss.matchAll(/src: url\("(fonts\/[^"]+)"\)/g)].map((m) => m[1])).toEqual(faces.map((f) => `fonts/${f.file}`));
  });

  it("are published with the site, with their licences", () => {
    const files = [...siteFontFiles().keys()];
    expect(files.filter((f) => f.endsWith(".woff2"))).toHaveLength(fontManifest().faces.length);
    expect(files).toContain("fonts/LICENSE-source-serif-4.txt");
    expect(files).toContain("fonts/LICENSE-dejavu-sans.txt");
  });
});

describe("the fonts of the running header and footer", () => {
  it("are the faces the browser would pick for their text, and no more", () => {
    const files = (text: string) => runningFaces(text).map((f) => f.file);
    expect(files("Anlage 1 – Maßnahmen · Seite 1 von 9")).toEqual(["source-sans-3-latin-400-normal.woff2", "source-sans-3-latin-600-normal.woff2"]);
    expect(files("Łąkowa · Αθήνα · Москва ✓")).toEqual([
      "source-sans-3-latin-400-normal.woff2",
      "source-sans-3-latin-ext-400-normal.woff2",
      "source-sans-3-greek-400-normal.woff2",
      "source-sans-3-cyrillic-400-normal.woff2",
      "source-sans-3-latin-600-normal.woff2",
      "source-sans-3-latin-ext-600-normal.woff2",
      "source-sans-3-greek-600-normal.woff2",
      "source-sans-3-cyrillic-600-normal.woff2",
      "dejavu-sans-latin-400-normal.woff2",
      "dejavu-sans-latin-700-normal.woff2",
    ]);
  });

  it("are matched by weight as CSS does", () => {
    expect(nearestWeight([400, 600, 700], 600)).toBe(600);
    expect(nearestWeight([400, 700], 600)).toBe(700);
    expect(nearestWeight([400, 700], 500)).toBe(400);
    expect(nearestWeight([600, 700], 400)).toBe(600);
    expect(nearestWeight([400], 900)).toBe(400);
    expect(nearestWeight([400, 700], 300)).toBe(400);
  });
});
