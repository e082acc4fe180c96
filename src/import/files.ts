import type { RootContent } from "mdast";
import { gfmStrikethroughToMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableToMarkdown } from "mdast-util-gfm-table";
import { toMarkdown } from "mdast-util-to-markdown";
import { Document, Scalar } from "yaml";
import { Ids, leadingLabel } from "./ids.js";
import type { LeftOut } from "./report.js";
import type { Block } from "./source.js";
import type { Draft, DraftMeasure } from "./structure.js";
import { placeholders, type DraftLanguage } from "./words.js";

/** The files of a drafted content folder (path relative to it → text), and what they hold. */
export interface DraftFiles {
  files: Map<string, string>;
  sections: number;
  measures: number;
  placeholders: string[];
  leftOut: LeftOut[];
}

/** How a draft is written: its language, the date it takes effect, where the schemas are seen from the folder. */
export interface DraftOptions {
  lang: string;
  validFrom: string;
  /** The schemas folder relative to the content folder, for the editor's `$schema` line; none when there is no stable path. */
  schemas?: string;
}

/**
 * Writes a draft as a content folder: site.yaml (title, language, placeholders for the organisation and one location,
 * version "1", the groups with their introductions), preamble.md, and one section file per section — in a folder per
 * group with lettered sections, else one file for the group — with `order` keeping the order of the source.
 */
export function draftFiles(draft: Draft, options: DraftOptions): DraftFiles {
  const words = placeholders[wordsFor(options.lang)];
  const files = new Map<string, string>();
  const leftOut: LeftOut[] = [];
  const todo = [
    `site.yaml: "organisation" (name, address) and "locations" (one placeholder, "${words.locationId}"; add yours, and name them in the measures' "locations")`,
  ];
  if (draft.title === undefined) todo.push(`site.yaml: "title" (no heading was found; a placeholder is written)`);
  todo.push(`site.yaml: "version" ("1") and "valid_from" (today) — the version and date your customers sign`);
  const groupIds = new Ids();
  const sectionIds = new Ids();
  const measureIds = new Ids();
  let sections = 0;
  let measures = 0;
  const groups = draft.groups.map((group, g) => {
    const title = group.title || words.group;
    const id = groupIds.next(title, `gruppe-${g + 1}`, 2);
    const lettered = group.sections.some((s) => s.heading);
    group.sections.forEach((section, s) => {
      const sectionTitle = section.title || title;
      const sectionId = sectionIds.next(sectionTitle, `abschnitt-${g + 1}`, 2);
      const list = section.measures.length > 0 ? section.measures : [{ blocks: [] } as DraftMeasure];
      if (section.measures.length === 0) leftOut.push({ where: section.where, text: sectionTitle, reason: "empty-section" });
      const entries = list.map((measure) => {
        measures++;
        const text = markdownOf(measure.blocks) || (measure.title ?? words.missing);
        const title = measure.blocks.length > 0 ? measure.title : undefined;
        const plainText = measure.blocks.map((b) => b.text).join(" ") || text;
        const name = title ?? leadingLabel(plainText) ?? plainText;
        // A section without text gets a stand-in that toms check warns about and the annex marks, like toms init's.
        const standIn = measure.blocks.length === 0;
        return {
          id: measureIds.next(name, `massnahme-${measures}`),
          ...(title !== undefined && { title }),
          text: literal(`${text}\n`),
          ...(standIn && { placeholder: true }),
        };
      });
      sections++;
      const file = lettered ? `${g + 1}-${id}/${sectionId}.yaml` : `${g + 1}-${id}.yaml`;
      const fields = {
        id: sectionId,
        group: id,
        title: sectionTitle,
        order: s + 1,
        ...(!section.heading && { heading: false }),
        measures: entries,
      };
      files.set(file, yamlFile(fields, schemaLine(options.schemas, "section", file)));
    });
    const intro = markdownOf(group.intro);
    return { id, title, ...(intro !== "" && { intro: literal(`${intro}\n`) }) };
  });
  const preamble = markdownOf(draft.preamble);
  if (preamble !== "") files.set("preamble.md", `${preamble}\n`);
  const site = {
    title: draft.title || words.title,
    ...(draft.subtitle && { subtitle: draft.subtitle }),
    lang: options.lang,
    organisation: { name: words.organisation },
    version: "1",
    valid_from: options.validFrom,
    ...(preamble !== "" && { preamble: "preamble.md" }),
    ...(draft.measuresTitle && { measures_title: draft.measuresTitle }),
    groups,
    locations: [{ id: words.locationId, name: words.location }],
  };
  files.set("site.yaml", yamlFile(site, schemaLine(options.schemas, "site", "site.yaml")));
  return { files: new Map([...files].sort(([a], [b]) => a.localeCompare(b))), sections, measures, placeholders: todo, leftOut };
}

function wordsFor(lang: string): DraftLanguage {
  const base = lang.toLowerCase().split("-")[0];
  return base === "de" || base === "fr" ? base : "en";
}

/** The Markdown of blocks: as written where the source was Markdown and the import left it alone, else written anew. */
export function markdownOf(blocks: readonly Block[]): string {
  return blocks
    .map((b) => b.markdown ?? serialize(b.node))
    .join("\n\n")
    .trim();
}

function serialize(node: RootContent): string {
  return toMarkdown(
    { type: "root", children: [node] },
    { extensions: [gfmTableToMarkdown(), gfmStrikethroughToMarkdown()], bullet: "-", emphasis: "*", strong: "*", listItemIndent: "one", rule: "-" },
  ).trim();
}

// A text field written as a YAML block (|), as people write measures.
function literal(text: string): Scalar {
  const scalar = new Scalar(text);
  scalar.type = Scalar.BLOCK_LITERAL;
  return scalar;
}

function schemaLine(schemas: string | undefined, kind: "site" | "section", file: string): string {
  if (schemas === undefined) return "";
  const up = "../".repeat(file.split("/").length - 1);
  return `# yaml-language-server: $schema=${up}${schemas}/${kind}.schema.json\n`;
}

// YAML with a blank line between the entries of a list of measures, as the shipped content has them.
function yamlFile(fields: object, header: string): string {
  const lines = new Document(fields).toString({ lineWidth: 0 }).split("\n");
  return header + lines.map((line, i) => (line.startsWith("  - id: ") && !/^\s*[\w-]+:$/.test(lines[i - 1] ?? "") ? `\n${line}` : line)).join("\n");
}
