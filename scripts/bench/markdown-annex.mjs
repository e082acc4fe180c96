// Writes each annex of a content folder as one Markdown file (what an author would hand to pandoc), so that
// pandoc + WeasyPrint make the same annexes from the same text as toms. Uses the compiled lib/ to read it.
import fs from "node:fs";
import path from "node:path";

const lib = new URL("../../lib/", import.meta.url);

/** Writes `<annex id>.md` per annex of `content` into `dir`; returns the annex ids, or throws on content errors. */
export async function writeMarkdownAnnexes(content, dir) {
  const { check } = await import(new URL("commands/check.js", lib).href);
  const { allAnnexes } = await import(new URL("resolve/annex.js", lib).href);
  const { site } = check(content);
  if (!site) throw new Error(`${content} has errors; run toms check`);
  fs.mkdirSync(dir, { recursive: true });
  return allAnnexes(site).map((annex) => {
    fs.writeFileSync(path.join(dir, `${annex.id}.md`), annexMarkdown(site, annex));
    return annex.id;
  });
}

// Title block, location facts, preamble, then groups (1), (2) … with sections a), b) … and their measures.
function annexMarkdown(site, annex) {
  const where = annex.location?.name ?? "all locations";
  const parts = [
    `---\ntitle: ${JSON.stringify(`${site.title} – ${where}`)}\n${site.subtitle ? `subtitle: ${JSON.stringify(site.subtitle)}\n` : ""}lang: ${site.lang}\n---`,
  ];
  parts.push(`${site.organisation.name} · Version ${site.version} · ${site.validFrom}`);
  const location = annex.location;
  if (location) {
    if (location.operator) parts.push(`**${location.operator}**`);
    if (location.description) parts.push(location.description.markdown);
    if (location.certifications.length > 0) parts.push(location.certifications.map((c) => `- ${c.url ? `[${c.name}](${c.url})` : c.name}`).join("\n"));
  }
  if (site.preamble) parts.push(site.preamble.markdown);
  if (site.measuresTitle) parts.push(`# ${site.measuresTitle}`);
  for (const { group, number, sections } of annex.groups) {
    parts.push(`## (${number}) ${group.title}`);
    if (group.intro) parts.push(group.intro.markdown);
    for (const { section, letter, measures } of sections) {
      if (letter) parts.push(`### ${letter}) ${section.title}`);
      if (section.intro) parts.push(section.intro.markdown);
      if (measures.length === 0) parts.push(`*No location-specific measure applies at ${where}.*`);
      for (const measure of measures) {
        if (measure.title) parts.push(`#### ${measure.title}`);
        if (!location && measure.locations) parts.push(`*Applies to: ${measure.locations.join(", ")}*`);
        parts.push(measure.prose.markdown);
      }
    }
  }
  return `${parts.join("\n\n")}\n`;
}
