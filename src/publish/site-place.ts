import fs from "node:fs";
import type { Place } from "../diagnostics/diagnostic.js";
import { Diagnostics } from "../diagnostics/diagnostic.js";
import { parseYamlFile } from "../load/yaml-file.js";
import type { Site } from "../model.js";
import { placeAt } from "../load/yaml-path.js";

/** Where a value of site.yaml is written (e.g. ["version"], ["changes", 2, "version"]); the file's start when it is not there. */
export function sitePlace(site: Site, pointer: (string | number)[]): Place {
  try {
    const file = parseYamlFile(site.file, fs.readFileSync(site.file, "utf8").replace(/^\uFEFF/, ""), new Diagnostics());
    if (file) return placeAt(file, pointer);
  } catch {
    // It was read and checked a moment ago; should reading fail now, the file's start still names it.
  }
  return { file: site.file, line: 1, column: 1 };
}
