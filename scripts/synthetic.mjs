// Writes a FORMAT.md-conformant content folder of a given size, for the benchmark:
// node scripts/synthetic.mjs DIR MEASURES LOCATIONS
import fs from "node:fs";
import path from "node:path";

/** Writes `measures` measures over `locations` locations into `dir` (10 groups, 20 measures per section). */
export function writeSynthetic(dir, measures, locations) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "sections"), { recursive: true });
  const groups = Array.from({ length: 10 }, (_, g) => `  - id: group-${g}\n    title: "Group ${g} of measures"\n`).join("");
  const locs = Array.from({ length: locations }, (_, l) => `  - id: loc-${l}\n    name: "Data centre ${l}"\n    operator: "Operator ${l} Ltd"\n    certifications: ["ISO 27001"]\n`).join("");
  fs.writeFileSync(
    path.join(dir, "site.yaml"),
    `title: "Synthetic annex"\nlang: en\norganisation:\n  name: Synthetic Ltd\nversion: "1.0"\nvalid_from: 2026-01-01\ngroups:\n${groups}locations:\n${locs}`,
  );
  const perSection = 20;
  const sections = Math.ceil(measures / perSection);
  let id = 0;
  for (let s = 0; s < sections; s++) {
    let yaml = `id: section-${s}\ngroup: group-${s % 10}\ntitle: "Section ${s}"\norder: ${s}\nmeasures:\n`;
    for (let m = 0; m < perSection && id < measures; m++, id++) {
      const reuse = id % 7 === 6 && id > 10;
      // A reused measure inherits the locations of the one it reuses.
      const loc = id % 3 === 0 || reuse ? "" : `    locations: [loc-${id % locations}]\n`;
      const body = reuse
        ? `    ref: measure-${id - 5 - ((id - 5) % 7 === 6 ? 1 : 0)}\n`
        : `    text: |\n      Measure ${id}: access to **system ${id}** is logged and reviewed monthly by the security team.\n\n      - badges are personal\n      - visitors are escorted ([policy](https://example.com/policy/${id}))\n`;
      yaml += `  - id: measure-${id}\n    title: "Measure ${id}"\n${loc}${body}`;
    }
    fs.writeFileSync(path.join(dir, "sections", `section-${s}.yaml`), yaml);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, measures, locations] = process.argv.slice(2);
  writeSynthetic(dir, Number(measures), Number(locations));
}
