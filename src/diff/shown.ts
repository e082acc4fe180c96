import type { ElementContent } from "hast";
import { toHtml } from "hast-util-to-html";
import { renderedProse } from "./rendering.js";
import { diffSequences } from "./sequence.js";
import { markdownOfProse } from "./word-diff.js";
import { reportWords, type ReportWords } from "./report-words.js";

// Elements that start a block of their own on the page.
const blocks = new Set([
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "pre",
  "ul",
  "ol",
  "table",
  "hr",
  "div",
  "section",
  "dl",
  "dd",
  "dt",
  "details",
  "summary",
]);

/**
 * The text a reader sees of a piece of Markdown: one entry per block (paragraph, heading, list, table …), the
 * lines of an entry split where the page breaks them (hard breaks, list items, table rows). Code blocks keep their
 * lines, indented; a horizontal rule shows as a line of dashes.
 */
export function shownParagraphs(nodes: ElementContent[]): string[] {
  let out = "";
  // Lists nest: each level's items are indented one step more.
  let depth = 0;
  const walk = (list: ElementContent[], pre: boolean) => {
    for (const node of list) {
      if (node.type === "text") {
        out += pre ? node.value.replace(/\n$/, "").replace(/^/gm, "    ") : node.value.replace(/[ \t\n\r\f]+/g, " ");
        continue;
      }
      if (node.type !== "element") continue;
      const name = node.tagName;
      if (name === "br") out += "\n";
      else if (name === "hr") out += "\n\n———\n\n";
      else if ((name === "ul" || name === "ol") && depth > 0) {
        // A list inside a list item goes on with lines of the same block.
        depth++;
        walk(node.children, pre);
        depth--;
      } else if (name === "li") {
        // A list is one block with a line per item, loose or tight: how far apart the items stand is layout.
        out += `\n${"  ".repeat(depth - 1)}• `;
        for (const child of node.children) {
          if (child.type === "element" && child.tagName === "p") walk(child.children, pre);
          else walk([child], pre);
        }
      } else if (name === "tr") {
        out += "\n";
        walk(
          node.children.filter((c) => c.type === "element").flatMap((c, i) => (i === 0 ? [c] : [{ type: "text", value: " | " } as const, c])),
          pre,
        );
      } else if (blocks.has(name)) {
        out += "\n\n";
        if (name === "ul" || name === "ol") depth++;
        walk(node.children, pre || name === "pre");
        if (name === "ul" || name === "ol") depth--;
        out += "\n\n";
      } else walk(node.children, pre);
    }
  };
  walk(nodes, false);
  return out
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .split("\n")
        .map((line) => {
          if (/^ {4}(?! *•)/.test(line)) return line.trimEnd();
          // Items keep their indentation; elsewhere spaces collapse as they do on the page.
          const indent = /^ *(?=•)/.exec(line)?.[0] ?? "";
          return indent + line.trim().replace(/ {2,}/g, " ");
        })
        .filter((line) => line.trim() !== "")
        .join("\n"),
    )
    .filter((paragraph) => paragraph !== "");
}

/**
 * For a text whose words stayed the same but whose page changed: what the page showed and shows now, as Markdown
 * lines of the report. Only the blocks that changed are shown, the others as "…". `besidesWords`: the words
 * changed too, and `after` is the old text with the new spacing (respacedOnly).
 */
export function spacingChange(before: string, after: string, besidesWords = false, w: ReportWords = reportWords("en")): string[] {
  const was = renderedProse(before);
  const now = renderedProse(after);
  const runs = diffSequences(shownParagraphs(was.nodes), shownParagraphs(now.nodes));
  const side = (keep: "removed" | "added") => {
    const shown: string[] = [];
    for (const run of runs) {
      if (run.type === keep) shown.push(...run.items);
      else if (run.type === "equal" && shown[shown.length - 1] !== "…") shown.push("…");
    }
    // Nothing left on a side: the block disappeared (a line read as a link reference definition is not shown).
    const text = shown.every((p) => p === "…") ? [w.spacing.nothing] : shown;
    return text.flatMap((p, i) => [...(i > 0 ? [""] : []), ...(p === "…" || p === w.spacing.nothing ? [p] : markdownOfProse(p))]);
  };
  if (runs.every((r) => r.type === "equal")) {
    // The text reads the same but is laid out differently (e.g. the spacing between list items): the page's HTML says how.
    const html = (nodes: ElementContent[]) => toHtml({ type: "root", children: nodes });
    return [w.spacing.layoutOnly, "", ...fence(html(was.nodes)), "", ...fence(html(now.nodes))];
  }
  if (besidesWords) {
    return [w.spacing.besidesWords, "", ...quoted(side("removed")), "", w.spacing.oldWithNewSpacing, "", ...quoted(side("added"))];
  }
  return [w.spacing.shown, "", ...quoted(side("removed")), "", w.spacing.now, "", ...quoted(side("added"))];
}

function quoted(lines: string[]): string[] {
  return lines.map((line) => (line === "" ? ">" : `> ${line}`));
}

// A code block that no backtick run in the text can close early, as lines.
function fence(text: string): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = "`".repeat(longest + 1);
  return [`${marks}html`, ...text.split("\n"), marks];
}
