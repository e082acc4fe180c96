import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../src/commands/check.js";
import { PreviewSession } from "../src/dev/session.js";
import { renderIndex, renderSite } from "../src/render/site.js";
import type { Site } from "../src/model.js";
import { indexAnnexes } from "../src/dev/index-page.js";
import { tempDir } from "./helpers/tmp.js";

// The preview's incremental check against the real thing, edit after edit on a copy of the shipped content: the
// problems it reports are exactly what a fresh `toms check` reports (work kept from earlier checks reports its problems
// again), and the pages it says changed are exactly the pages whose rendered HTML changed (the fingerprints miss
// nothing and add nothing).
const repo = path.join(import.meta.dirname, "..");
const tmp = tempDir("toms-dev-session-");
afterAll(tmp.cleanup);

// Every page as the preview renders it (the index with the annexes' names), by file name.
function pagesOf(site: Site): Map<string, string> {
  const rendered = renderSite(site, { pdf: true, preview: true });
  const pages = new Map(rendered.pages.map((p) => [p.html, p.source]));
  pages.set("index.html", renderIndex(site, indexAnnexes(site, true), { pdf: true, preview: true }));
  return pages;
}

describe("the preview's incremental check", () => {
  const content = path.join(tmp.dir, "measures");
  fs.cpSync(path.join(repo, "measures"), content, { recursive: true });
  const file = (rel: string) => path.join(content, rel);
  // Each edit returns the paths it touched, as the watcher names them.
  const replace = (rel: string, from: string, to: string) => () => {
    const text = fs.readFileSync(file(rel), "utf8");
    if (!text.includes(from)) throw new Error(`${rel} has no "${from}"`);
    fs.writeFileSync(file(rel), text.replace(from, to));
    return [file(rel)];
  };
  const zutritt = "1-vertraulichkeit/zutrittskontrolle.yaml";
  const edits: [string, () => string[]][] = [
    ["a measure's title", replace(zutritt, "Zutrittskontrollsystem Rechenzentrum meetyoo", "Zutrittskontrollsystem RZ meetyoo")],
    ["a comment", replace(zutritt, "measures:\n", "measures: # the list\n")],
    ["blank lines above a measure (every position below moves)", replace(zutritt, "  - id: zutritt-bueroflaechen", "\n\n  - id: zutritt-bueroflaechen")],
    ["raw HTML in a text (an error of the Markdown check)", replace(zutritt, "Die meetyoo Serverschränke", "<b>Die</b> meetyoo Serverschränke")],
    [
      "an unknown location besides (two errors, two files' work kept)",
      replace("9-loeschung.yaml", "  - id: datenloeschung\n", "  - id: datenloeschung\n    locations: [mars]\n"),
    ],
    ["the first error fixed", replace(zutritt, "<b>Die</b> meetyoo Serverschränke", "Die meetyoo Serverschränke")],
    ["the second fixed", replace("9-loeschung.yaml", "    locations: [mars]\n", "")],
    ["an invisible character (an error of the text check)", replace("9-loeschung.yaml", "Datenlöschung mittels", "Datenlöschung\u200b mittels")],
    ["fixed again", replace("9-loeschung.yaml", "Datenlöschung\u200b mittels", "Datenlöschung mittels")],
    ["the preamble file", replace("preamble.md", "Diese Anlage findet", "Diese Anlage (Anlage 1) findet")],
    ["a prose file that is a group's intro", replace("prose/iso-27001.md", "ISO", "ISO/IEC")],
    ["a location's name", replace("site.yaml", 'name: "AWS Frankfurt/Paris"', 'name: "Amazon Web Services Frankfurt/Paris"')],
    ["two measures swapped", swapMeasures(file(zutritt))],
    ["a measure now applies at another location too (its page does not change)", replace(zutritt, "locations: [berlin]", "locations: [berlin, aws]")],
    ["a location's description (the other location's page does not change)", replace("site.yaml", "in Frankfurt bzw. Paris", "in Frankfurt und Paris")],
    [
      "a section deleted",
      () => {
        fs.rmSync(file("1-vertraulichkeit/trennungskontrolle.yaml"));
        return [file("1-vertraulichkeit/trennungskontrolle.yaml")];
      },
    ],
    [
      "a folder renamed",
      () => {
        fs.renameSync(file("2-integritaet"), file("2-integritaet-neu"));
        return [file("2-integritaet"), file("2-integritaet-neu")];
      },
    ],
    ["a YAML file broken mid-typing", replace("2-integritaet-neu/eingabekontrolle.yaml", "title:", "title: [")],
    ["fixed", replace("2-integritaet-neu/eingabekontrolle.yaml", "title: [", "title:")],
  ];

  it("reports what a fresh check reports, and exactly the pages whose HTML changed", () => {
    const session = new PreviewSession(content);
    const first = session.check();
    expect(first?.problems).toEqual([]);
    let pages = pagesOf(first?.site as Site);
    expect([...(first?.fingerprints.keys() ?? [])].sort()).toEqual([...pages.keys()].sort());
    let seenErrors = 0;
    for (const [what, edit] of edits) {
      // Only what the edit touched is read again, as after a file event.
      const checked = session.check(edit());
      if (!checked) throw new Error(`${what}: the session found nothing changed`);
      const fresh = check(content);
      expect(checked.problems, what).toEqual(fresh.diagnostics.sorted());
      expect(checked.site === undefined, what).toBe(fresh.site === undefined);
      if (!checked.site) {
        seenErrors++;
        continue;
      }
      const now = pagesOf(checked.site);
      const changed = [...new Set([...pages.keys(), ...now.keys()])].filter((name) => pages.get(name) !== now.get(name)).sort();
      expect(checked.changed, what).toEqual(changed);
      pages = now;
    }
    expect(seenErrors).toBe(5);
    // Reading every file finds nothing the partial reads missed, and nothing to do.
    expect(session.check()).toBeUndefined();
  });
});

// Swaps the first two measures of a section file (their order changes on the page, their text does not).
function swapMeasures(file: string): () => string[] {
  return () => {
    const text = fs.readFileSync(file, "utf8");
    const [head, ...items] = text.split(/^(?=  - id: )/m);
    const [a, b, ...rest] = items;
    fs.writeFileSync(file, [head, b, a, ...rest].join(""));
    return [file];
  };
}
