import fs from "node:fs";
import path from "node:path";
import { commandsPage } from "./commands-page.js";
import { fieldTables, fillMarkers } from "./format-tables.js";
import { rulesPage } from "./rules-page.js";

/**
 * The generated documentation, path (from the repository root) → text: docs/rules.md from the rule catalogue and the
 * check fixtures, docs/commands.md from the command specs, and docs/format.md with its field tables from the schemas.
 */
export function generatedDocs(root: string): Map<string, string> {
  const format = fs.readFileSync(path.join(root, "docs/format.md"), "utf8");
  return new Map([
    ["docs/rules.md", rulesPage(root)],
    ["docs/commands.md", commandsPage()],
    ["docs/format.md", fillMarkers(format, fieldTables(root))],
  ]);
}
