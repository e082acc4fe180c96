// Reading the printed PDFs back with poppler (pdftotext, pdfinfo, pdftohtml, pdffonts): tools independent of
// the code under test, so the tests see what a reader's PDF viewer sees.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";

function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
}

/** The text of one page (from 1), in reading order, or in physical layout (columns kept apart). */
export function pageText(file: string, page: number, layout = false): string {
  return run("pdftotext", [...(layout ? ["-layout"] : []), "-f", String(page), "-l", String(page), file, "-"]);
}

/** The text of every page. */
export function pageTexts(file: string, layout = false): string[] {
  return run("pdftotext", [...(layout ? ["-layout"] : []), file, "-"])
    .split("\f")
    .slice(0, -1);
}

/** pdfinfo's fields (Title, Pages, CreationDate …), and whatever poppler complained about on stderr. */
export function pdfInfo(file: string): Record<string, string> {
  const out = run("pdfinfo", ["-isodates", file]);
  return Object.fromEntries(
    out
      .split("\n")
      .filter((l) => l.includes(":"))
      .map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim()]),
  );
}

/** The PDF's bookmarks in reading order, flattened: title and page. */
export function outline(file: string): { title: string; page: number }[] {
  const xml = run("pdftohtml", ["-xml", "-i", "-q", "-stdout", file]);
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");
  return [...xml.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)].map((m) => ({ title: unescape(m[2]!), page: Number(m[1]) }));
}

/** pdffonts' rows: font name and whether it is embedded. */
export function fonts(file: string): { name: string; embedded: boolean }[] {
  return run("pdffonts", [file])
    .split("\n")
    .slice(2)
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      return { name: cols[0]!, embedded: cols.at(-5) === "yes" };
    });
}

/** White space collapsed, for comparing text across line breaks. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** An HTML page's headings (h1–h6) in document order, and its contents entries (target id → label). */
export function pageStructure(file: string): { headings: string[]; contents: { target: string; label: string }[] } {
  const tree = fromHtml(fs.readFileSync(file, "utf8"));
  const headings: string[] = [];
  const contents: { target: string; label: string }[] = [];
  const text = (n: RootContent): string => (n.type === "text" ? n.value : "children" in n ? n.children.map(text).join("") : "");
  const walk = (n: Root | RootContent) => {
    if (n.type === "element" && /^h[1-6]$/.test(n.tagName)) headings.push(collapse(text(n)));
    if (n.type === "element" && n.tagName === "a" && String(n.properties.href).startsWith("#")) {
      const label = n.children.find((c) => c.type === "element" && (c.properties.className as string[] | undefined)?.includes("toc-label"));
      if (label) contents.push({ target: String(n.properties.href).slice(1), label: collapse(text(label)) });
    }
    if ("children" in n) for (const child of n.children) walk(child);
  };
  walk(tree);
  return { headings, contents };
}

/** Problems with the cross-reference table: entries whose offset does not point at `n 0 obj`. */
export function brokenXref(file: string): number[] {
  const bytes = fs.readFileSync(file).toString("latin1");
  const at = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(bytes)?.[1]);
  const lines = bytes.slice(at).split("\n");
  const count = Number(lines[1]!.split(" ")[1]);
  const broken: number[] = [];
  for (let n = 1; n < count; n++) {
    const offset = Number(lines[2 + n]!.slice(0, 10));
    if (!bytes.startsWith(`${n} 0 obj`, offset)) broken.push(n);
  }
  return broken;
}

/** The files below a folder by their path in it, as the printer serves a rendered site's files. */
export function siteFiles(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isFile()) files.set(name.split(path.sep).join("/"), fs.readFileSync(full));
  }
  return files;
}
