import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../src/cli/commands.js";
import { rules } from "../src/diagnostics/rules.js";
import { generatedDocs } from "../src/docs/generate.js";

// The documentation in docs/ is partly generated from what it describes (the rule catalogue and its fixtures, the
// command specs, the schemas): a page that differs from what `npm run docs` would write now fails here, so a new
// rule, command or field cannot miss its entry. And every link of docs/ and the README leads to a file of the repository.
const repo = path.join(import.meta.dirname, "..");
const pages = [
  "README.md",
  ...fs
    .readdirSync(path.join(repo, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];
const read = (file: string) => fs.readFileSync(path.join(repo, file), "utf8");

describe("generated documentation", () => {
  it.each([...generatedDocs(repo)])("%s is up to date (run npm run docs)", (file, text) => {
    expect(read(file)).toBe(text);
  });

  it("has an entry for every rule of the catalogue", () => {
    const page = read("docs/rules.md");
    const missing = Object.keys(rules).filter((id) => !page.includes(`\n## ${id}\n`));
    expect(missing).toEqual([]);
    expect(Object.keys(rules).length).toBeGreaterThan(40);
  });

  it("has an entry for every command", () => {
    const page = read("docs/commands.md");
    expect(commands.map((c) => c.name).filter((name) => !page.includes(`\n## toms ${name}\n`))).toEqual([]);
  });

  it("shows each rule's example output exactly as the check fixture expects it", () => {
    const page = read("docs/rules.md");
    const example = fs.readFileSync(path.join(repo, "test/fixtures/check/location-ref-unknown/expected.txt"), "utf8").split("\n")[0] as string;
    expect(page).toContain(`\n${example}\n`);
  });
});

describe("links in docs/ and the README", () => {
  it("has the pages the README links to", () => {
    expect(pages).toEqual(
      expect.arrayContaining([
        "docs/README.md",
        "docs/format.md",
        "docs/rules.md",
        "docs/commands.md",
        "docs/getting-started.md",
        "docs/ci.md",
        "docs/import.md",
      ]),
    );
    const readme = read("README.md");
    for (const page of pages.filter((p) => p.startsWith("docs/"))) expect(readme, page).toContain(`(${page}`);
  });

  it.each(pages)("%s: every relative link leads to a file or folder of the repository, and every #anchor to a heading", (page) => {
    const broken: string[] = [];
    for (const target of links(read(page))) {
      if (/^[a-z]+:/i.test(target)) continue;
      const [file = "", anchor] = target.split("#") as [string, string | undefined];
      const resolved = file === "" ? path.join(repo, page) : path.resolve(path.dirname(path.join(repo, page)), decodeURIComponent(file));
      if (path.relative(repo, resolved).startsWith("..") || !fs.existsSync(resolved)) broken.push(`${target}: no such file in the repository`);
      else if (anchor !== undefined && resolved.endsWith(".md") && !anchors(fs.readFileSync(resolved, "utf8")).has(anchor))
        broken.push(`${target}: no such heading`);
    }
    expect(broken).toEqual([]);
  });

  it.each(pages)("%s names no file that is not in the repository", (page) => {
    const text = read(page);
    expect(text).not.toMatch(/FORMAT\.md/);
    // Paths of a machine (a home folder, a worktree, a temporary folder) mean nothing to a reader.
    expect(text).not.toMatch(/(^|[\s(`"])(\/work\/|\/home\/|\/Users\/|\/tmp\/|file:\/\/|[A-Z]:\\Users)/m);
  });
});

// The targets of the inline links and images of a Markdown page, outside code.
function links(markdown: string): string[] {
  const prose = markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1\s*$/gm, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] as string);
}

// The anchors GitHub makes for the headings of a page: lower case, punctuation dropped, spaces as hyphens, -1 … for repeats.
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  const prose = markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1\s*$/gm, "");
  for (const match of prose.matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = (match[1] as string)
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count === 0 ? base : `${base}-${count}`);
  }
  return found;
}
