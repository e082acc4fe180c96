// The index page's list of published versions in a site of two languages (examples/zweisprachig): each PDF of an
// earlier version is saved under a name of its own, with its version and (a translation's) its language, not as the
// German and the English "all.pdf" alike.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/commands/check.js";
import type { Site } from "../src/model.js";
import { renderIndex } from "../src/render/site.js";

const example = path.join(import.meta.dirname, "../examples/zweisprachig");

describe("the index's published versions", () => {
  const { site } = check(example);
  const files = [
    { name: "Gesamtfassung", html: "all.html", pdf: "all.pdf", download: "anlage-1-all-2026.1.pdf", sha256: "a".repeat(64) },
    { lang: "en", name: "Combined annex", html: "en/all.html", pdf: "en/all.pdf", download: "anlage-1-all-2026.1-en.pdf", sha256: "b".repeat(64) },
    // A version recorded before toms kept the name: one made of its file, version and language.
    { lang: "en", name: "Leipzig server room", html: "en/leipzig.html", pdf: "en/leipzig.pdf", sha256: "c".repeat(64) },
  ];
  const changes = { html: "changes.html", pdf: "changes.pdf", since: "2025.1" };
  const version = {
    version: "2026.1",
    validFrom: "2026-01-01",
    files,
    changes,
    translatedChanges: [{ ...changes, html: "en/changes.html", pdf: "en/changes.pdf", lang: "en" }],
  };
  const html = renderIndex(site as Site, [], { pdf: true, versions: [version] });
  const link = (href: string) => new RegExp(`<a href="${href.replace(/[./]/g, "\\$&")}"[^>]*>`).exec(html)?.[0] ?? "";

  it("links each PDF with the name it downloads as: the German and the English one differ", () => {
    expect(link("2026.1/all.pdf")).toContain('download="anlage-1-all-2026.1.pdf"');
    expect(link("2026.1/en/all.pdf")).toContain('download="anlage-1-all-2026.1-en.pdf"');
    expect(link("2026.1/en/leipzig.pdf")).toContain('download="leipzig-2026.1-en.pdf"');
  });

  it("links each changes PDF with a name of its version and language", () => {
    expect(link("2026.1/changes.pdf")).toContain('download="changes-2026.1.pdf"');
    expect(link("2026.1/en/changes.pdf")).toContain('download="changes-2026.1-en.pdf"');
  });
});
