// Writes a FORMAT.md-conformant content folder of a given size, for the benchmark:
// node scripts/synthetic.mjs DIR MEASURES LOCATIONS
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const perSection = 20;

/**
 * Writes `measures` measures over `locations` locations into `dir`: up to 10 groups (never one without a
 * section), 20 measures per section in subfolders per group, a preamble, shared prose files, and every way
 * a measure can be given (`text`, `file`, `ref`; for all locations or some).
 */
export function writeSynthetic(dir, measures, locations) {
  fs.rmSync(dir, { recursive: true, force: true });
  const sections = Math.ceil(measures / perSection);
  const groupCount = Math.min(10, sections);
  fs.mkdirSync(path.join(dir, "prose"), { recursive: true });
  for (let g = 0; g < groupCount; g++) fs.mkdirSync(path.join(dir, `group-${g}`));
  const groups = Array.from(
    { length: groupCount },
    (_, g) =>
      `  - id: group-${g}\n    title: "Measures to ensure property ${g} of the processing"\n${g % 2 ? "" : `    intro: "Measures that keep the systems of group ${g} confidential and intact."\n`}`,
  ).join("");
  const cert = (l) => (l % 2 ? `["ISO 27001", "SOC 2 Type II"]` : `[{ name: "ISO 27001", url: "https://example.com/iso/${l}" }]`);
  const locs = Array.from(
    { length: locations },
    (_, l) =>
      `  - id: loc-${l}\n    name: "Data centre ${l}"\n    operator: "Operator ${l} Ltd"\n    description: "The systems of site ${l} run in a certified data centre."\n    certifications: ${cert(l)}\n`,
  ).join("");
  fs.writeFileSync(
    path.join(dir, "site.yaml"),
    `title: "Synthetic annex"\nsubtitle: "Security of processing under Article 32 GDPR"\nlang: en\norganisation:\n  name: Synthetic Ltd\n  address: ["1 Example Street", "10115 Berlin"]\n  url: https://example.com\nversion: "1.0"\nvalid_from: 2026-01-01\npreamble: preamble.md\ngroups:\n${groups}locations:\n${locs}`,
  );
  fs.writeFileSync(
    path.join(dir, "preamble.md"),
    "# Preamble\n\nThis annex describes the technical and organisational measures of **Synthetic Ltd**.\n\n## Scope\n\nIt applies to every processing named in the agreement.\n",
  );
  for (let p = 0; p < 5; p++) {
    fs.writeFileSync(
      path.join(dir, "prose", `shared-${p}.md`),
      `Backups of zone ${p} are encrypted (AES-256) and kept in a second fire compartment.\n\n| copy | kept for |\n| --- | --- |\n| daily | 14 days |\n| monthly | 12 months |\n`,
    );
  }
  let id = 0;
  for (let s = 0; s < sections; s++) {
    const intro = s % 4 === 0 ? `intro: "Section ${s} covers the controls of area ${s}."\n` : "";
    let yaml = `id: section-${s}\ngroup: group-${s % groupCount}\ntitle: "Section ${s}"\norder: ${s}\n${intro}measures:\n`;
    for (let m = 0; m < perSection && id < measures; m++, id++) yaml += measure(id, locations);
    fs.writeFileSync(path.join(dir, `group-${s % groupCount}`, `section-${s}.yaml`), yaml);
  }
}

// One measure: a third apply everywhere; every 7th from the 14th on reuses an earlier one (`ref`, inheriting
// its locations); every 11th takes its text from a shared prose file.
function measure(id, locations) {
  const reuse = id % 7 === 6 && id > 10;
  const loc = id % 3 === 0 || reuse ? "" : `    locations: [loc-${id % locations}${locations > 2 && id % 5 === 0 ? `, loc-${(id + 1) % locations}` : ""}]\n`;
  let body;
  if (reuse) body = `    ref: measure-${id - 5}\n`;
  else if (id % 11 === 0) body = `    file: ../prose/shared-${id % 5}.md\n`;
  else {
    body = `    text: |\n      Measure ${id}: access to **system ${id}** is logged and reviewed monthly by the security team; accounts are personal and removed on the day a person leaves.\n\n      - badges are personal and revoked when lost\n      - visitors are escorted at all times ([policy](https://example.com/policy/${id}))\n`;
  }
  return `  - id: measure-${id}\n    title: "Measure ${id}"\n${loc}${body}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [dir, measures, locations] = process.argv.slice(2);
  writeSynthetic(dir, Number(measures), Number(locations));
}
